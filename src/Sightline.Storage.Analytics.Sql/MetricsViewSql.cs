namespace Sightline.Storage.Analytics.Sql;

/// <summary>How one metrics view reads: its table and alias, time and metadata columns, fixed row filter.</summary>
internal sealed record MetricsViewSql(
    string Table,
    string Alias,
    string Time,
    string Metadata,
    string? Segment,
    IReadOnlyDictionary<string, MetricsColumnSql> Dimensions,
    IReadOnlyDictionary<string, MetricsColumnSql> Measures);
