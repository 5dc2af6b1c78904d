using Sightline.Tracing;

namespace Sightline.Metrics;

/// <summary>Aggregations over the analytics store for the metrics API. Every query is scoped to one project.</summary>
public interface IMetricsQueries
{
    /// <summary>
    /// Per day: traces matching the filters (by trace timestamp), and their observations (by observation start
    /// time) with usage and cost per model; newest day first. When only the time range filters traces, the
    /// observations are selected by their own start time in that range instead of through their traces.
    /// </summary>
    Task<ResultPage<DailyMetrics>> GetDailyMetricsAsync(DailyMetricsQuery query, CancellationToken ct);

    /// <summary>Runs a validated query; see <see cref="MetricsTable"/> for the columns.</summary>
    Task<MetricsTable> RunAsync(MetricsQuery query, CancellationToken ct);
}
