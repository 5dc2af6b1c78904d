namespace Sightline.Metrics;

/// <summary>A measure and its aggregation; the result column is named <c>&lt;aggregation&gt;_&lt;measure&gt;</c>, e.g. <c>sum_totalCost</c>.</summary>
public sealed record MetricSpec(string Measure, MetricAggregation Aggregation)
{
    public string Alias => $"{Aggregation.ToString().ToLowerInvariant()}_{Measure}";
}
