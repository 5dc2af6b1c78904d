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
}
