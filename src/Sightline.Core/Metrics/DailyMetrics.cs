namespace Sightline.Metrics;

/// <summary>One day of <c>GET /api/public/metrics/daily</c>.</summary>
public sealed record DailyMetrics(DateOnly Date, long CountTraces, long CountObservations, decimal TotalCost, IReadOnlyList<ModelUsage> Usage);
