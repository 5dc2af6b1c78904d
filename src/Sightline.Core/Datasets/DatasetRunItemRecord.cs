namespace Sightline.Datasets;

/// <summary>
/// One result of a dataset run: the trace (and optionally the observation) that ran a dataset item under the run.
/// Mirrors Langfuse's ClickHouse <c>dataset_run_items</c> table.
/// </summary>
public sealed record DatasetRunItemRecord
{
    public required string ProjectId { get; init; }
    public required string Id { get; init; }
    public required string DatasetId { get; init; }
    public required string DatasetRunId { get; init; }
    public required string DatasetItemId { get; init; }
    public required string TraceId { get; init; }
    public string? ObservationId { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
}
