namespace Sightline.Datasets;

/// <summary>
/// Aggregates of one dataset run for comparing runs side by side. Latency is per run item: the linked observation's
/// duration, or the whole trace's (first observation start to last observation end) when no observation is linked.
/// Tokens and cost add up the linked observation, or all observations of the trace. Score averages cover numeric and
/// boolean scores on the run items' traces (and their observations) and scores given to the run itself.
/// </summary>
public sealed record DatasetRunSummary
{
    public required string DatasetRunId { get; init; }
    public required long ItemCount { get; init; }
    /// <summary>Seconds; null when no run item has a measurable duration.</summary>
    public double? LatencyP50 { get; init; }
    public double? LatencyP95 { get; init; }
    public required long TotalTokens { get; init; }
    public required decimal TotalCost { get; init; }
    /// <summary>Average value per score name.</summary>
    public required IReadOnlyDictionary<string, double> ScoreAverages { get; init; }
}
