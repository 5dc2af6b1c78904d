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

    /// <summary>
    /// The summaries of an analytics store's two aggregate queries, ordered by run id: per run the item count, latency
    /// percentiles in milliseconds, tokens and cost, and per run and score name the average value.
    /// </summary>
    public static List<DatasetRunSummary> Combine(
        IEnumerable<(string Run, long Count, double? P50Ms, double? P95Ms, long Tokens, decimal Cost)> totals,
        IEnumerable<(string Run, string Name, double Average)> scores)
    {
        var averages = scores.ToLookup(s => s.Run, StringComparer.Ordinal);
        return totals
            .OrderBy(t => t.Run, StringComparer.Ordinal)
            .Select(t => new DatasetRunSummary
            {
                DatasetRunId = t.Run,
                ItemCount = t.Count,
                LatencyP50 = t.P50Ms / 1000,
                LatencyP95 = t.P95Ms / 1000,
                TotalTokens = t.Tokens,
                TotalCost = t.Cost,
                ScoreAverages = averages[t.Run].ToDictionary(s => s.Name, s => s.Average, StringComparer.Ordinal),
            })
            .ToList();
    }
}
