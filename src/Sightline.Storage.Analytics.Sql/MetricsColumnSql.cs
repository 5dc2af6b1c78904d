namespace Sightline.Storage.Analytics.Sql;

/// <summary>The SQL of one catalog dimension or measure, evaluated once per row of the view.</summary>
internal sealed record MetricsColumnSql(string Sql, MetricsJoin Join = MetricsJoin.None);
