using Sightline.Api;

namespace Sightline.Metrics;

/// <summary>
/// What a metrics view offers: its wire name, the time column the range and buckets apply to (and the names a filter
/// may use for it), its dimensions and measures. Dimensions marked high-cardinality cannot be grouped by in v2.
/// </summary>
public sealed record MetricsViewDefinition(
    MetricsView View,
    string Name,
    IReadOnlyList<string> TimeColumnNames,
    IReadOnlyDictionary<string, ColumnKind> Dimensions,
    IReadOnlySet<string> HighCardinality,
    IReadOnlyDictionary<string, MeasureKind> Measures);
