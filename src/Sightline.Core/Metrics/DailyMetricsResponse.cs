using Sightline.Api;

namespace Sightline.Metrics;

internal sealed record DailyMetricsResponse(IReadOnlyList<DailyMetrics> Data, PageMeta Meta);
