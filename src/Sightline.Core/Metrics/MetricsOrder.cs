namespace Sightline.Metrics;

/// <summary>Orders by a result column: a dimension, a metric alias or <c>time_dimension</c>.</summary>
public sealed record MetricsOrder(string Field, bool Descending);
