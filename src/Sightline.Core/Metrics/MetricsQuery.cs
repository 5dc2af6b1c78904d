using Sightline.Api;

namespace Sightline.Metrics;

/// <summary>
/// A validated metrics query: every dimension, measure and filter column is a name of the view's catalog entry.
/// Rows are those of the view in the project with <c>From ≤ time ≤ To</c>, grouped by the dimensions (and the time
/// bucket when <see cref="Granularity"/> is set).
/// </summary>
public sealed record MetricsQuery
{
    public required string ProjectId { get; init; }
    public required MetricsView View { get; init; }
    public IReadOnlyList<string> Dimensions { get; init; } = [];
    /// <summary>Empty means one <c>count</c> column of rows.</summary>
    public IReadOnlyList<MetricSpec> Metrics { get; init; } = [];
    public IReadOnlyList<FilterCondition> Filters { get; init; } = [];
    public TimeGranularity? Granularity { get; init; }
    public required DateTime From { get; init; }
    public required DateTime To { get; init; }
    /// <summary>Empty means time ascending when bucketed, else the first metric descending.</summary>
    public IReadOnlyList<MetricsOrder> OrderBy { get; init; } = [];
    public int? RowLimit { get; init; }
    /// <summary>The bins of a histogram metric (<c>config.bins</c>, 1 to 100).</summary>
    public int Bins { get; init; } = DefaultBins;

    public const int DefaultBins = 10;
}
