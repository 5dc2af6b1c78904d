namespace Sightline.Metrics;

/// <summary>Aggregations of the metrics API; the wire name is the lower-case member name.</summary>
public enum MetricAggregation
{
    Sum,
    Avg,
    Count,
    Max,
    Min,
    P50,
    P75,
    P90,
    P95,
    P99,
    Uniq,
    /// <summary>
    /// Equal-width bins between the smallest and largest value of each result row's group: a list of
    /// <c>[lower, upper, count]</c>, <see cref="MetricsQuery.Bins"/> long. It must be the query's only metric.
    /// </summary>
    Histogram,
}
