using Sightline.Api;

namespace Sightline.Metrics;

public sealed record DailyMetricsResponse(IReadOnlyList<DailyMetrics> Data, PageMeta Meta);
