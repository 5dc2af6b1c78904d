using System.Collections.ObjectModel;

namespace Sightline.Tracing;

/// <summary>One score. Mirrors Langfuse's ClickHouse <c>scores</c> table.</summary>
public sealed record ScoreRecord
{
    public required string ProjectId { get; init; }
    public required string Id { get; init; }
    public required DateTime Timestamp { get; init; }
    public required string Name { get; init; }
    public string? TraceId { get; init; }
    public string? ObservationId { get; init; }
    public string? SessionId { get; init; }
    public string? DatasetRunId { get; init; }
    /// <summary>Numeric value (NUMERIC, BOOLEAN 0/1, CATEGORICAL mapped value when configured); null for TEXT.</summary>
    public double? Value { get; init; }
    /// <summary>The text of CATEGORICAL, BOOLEAN ("True"/"False") and TEXT scores.</summary>
    public string? StringValue { get; init; }
    /// <summary>API, ANNOTATION or EVAL.</summary>
    public string Source { get; init; } = "API";
    /// <summary>NUMERIC, BOOLEAN, CATEGORICAL, CORRECTION or TEXT.</summary>
    public string DataType { get; init; } = "NUMERIC";
    public string? Comment { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = ReadOnlyDictionary<string, string>.Empty;
    public string? AuthorUserId { get; init; }
    public string? ConfigId { get; init; }
    public string? QueueId { get; init; }
    public required string Environment { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
}
