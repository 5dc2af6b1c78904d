namespace Sightline.Tracing;

/// <summary>
/// A trace of a list page. The observation and score ids are filled when those groups were asked for, latency
/// (seconds from the first observation start to the last observation end, 0 without observations) and total cost
/// (USD, sum over the observations) when metrics were.
/// </summary>
public sealed record TraceListItem(TraceRecord Trace, IReadOnlyList<string> ObservationIds, IReadOnlyList<string> ScoreIds, double Latency, decimal TotalCost);
