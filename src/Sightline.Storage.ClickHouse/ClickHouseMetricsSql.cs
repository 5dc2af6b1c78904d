using System.Globalization;
using Sightline.Api;
using Sightline.Metrics;

namespace Sightline.Storage.ClickHouse;

/// <summary>
/// Translates a validated <see cref="MetricsQuery"/> into one SQL statement. The inner SELECT evaluates each
/// dimension, the time bucket and each measure once per view row; the outer SELECT groups by the dimensions and
/// bucket and applies the aggregations. Column expressions come only from <see cref="ClickHouseMetricsViews"/>
/// (looked up by catalog name), result aliases only from catalog names, and every value is a bound parameter.
/// </summary>
internal static class ClickHouseMetricsSql
{
    public sealed record Statement(string Sql, ClickHouseParameters Parameters, IReadOnlyList<string> Columns);

    /// <summary>
    /// Unmatched LEFT JOIN columns become NULL, as in standard SQL and the embedded store, instead of the type's
    /// default ('' or 0), so a missing trace never counts as a trace with an empty name.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string> { ["join_use_nulls"] = "1" };

    public static Statement Build(MetricsQuery query)
    {
        var view = ClickHouseMetricsViews.Of(query.View);
        var p = new ClickHouseParameters();
        var project = p.Add(query.ProjectId);
        var from = p.Add(query.From);
        var to = p.Add(query.To);
        var joins = new SortedSet<MetricsJoin>();

        var inner = new List<string>();
        var outer = new List<string>();
        var groupBy = new List<string>();
        var columns = new List<string>();
        for (var i = 0; i < query.Dimensions.Count; i++)
        {
            var name = query.Dimensions[i];
            inner.Add($"{Column(view.Dimensions, name, joins)} AS d{i}");
            outer.Add($"d{i} AS {Quote(name)}");
            groupBy.Add($"d{i}");
            columns.Add(name);
        }

        if (query.Granularity is { } granularity)
        {
            inner.Add($"{Bucket(granularity, view.Time)} AS {MetricsTable.TimeColumn}");
            outer.Add(MetricsTable.TimeColumn);
            groupBy.Add(MetricsTable.TimeColumn);
            columns.Add(MetricsTable.TimeColumn);
        }

        var measures = MetricsCatalog.Of(query.View).Measures;
        for (var i = 0; i < query.Metrics.Count; i++)
        {
            var metric = query.Metrics[i];
            inner.Add($"{Column(view.Measures, metric.Measure, joins)} AS m{i}");
            outer.Add($"{Aggregate(metric.Aggregation, measures[metric.Measure], $"m{i}")} AS {Quote(metric.Alias)}");
            columns.Add(metric.Alias);
        }

        if (query.Metrics.Count == 0)
        {
            outer.Add("count() AS \"count\"");
            columns.Add("count");
        }

        List<string> where = [$"{view.Alias}.project_id = {project}", $"{view.Time} >= {from}", $"{view.Time} <= {to}"];
        if (view.Segment is not null)
        {
            where.Add(view.Segment);
        }

        foreach (var filter in query.Filters)
        {
            var expression = filter.Target == FilterTarget.Metadata ? ClickHouseFilterSql.MetadataValue(view.Metadata, filter.Key!, p)
                : view.Dimensions.ContainsKey(filter.Column) ? Column(view.Dimensions, filter.Column, joins)
                : view.Time;
            where.Add(ClickHouseFilterSql.Condition(filter, expression, p));
        }

        joins.Remove(MetricsJoin.None);
        var joinSql = string.Join("\n", joins.Select(j => ClickHouseMetricsViews.JoinSql(query.View, j, project, from, to)));
        var innerSelect = inner.Count > 0 ? string.Join(", ", inner) : "1 AS one";
        var sql = $"""
            SELECT {string.Join(", ", outer)}
            FROM (
                SELECT {innerSelect}
                FROM {view.Table} AS {view.Alias} FINAL
                {joinSql}
                WHERE {string.Join("\n  AND ", where)}
            ) AS q
            {(groupBy.Count > 0 ? "GROUP BY " + string.Join(", ", groupBy) : "")}
            {OrderBy(query, columns)}
            {(query.RowLimit is { } limit ? "LIMIT " + limit.ToString(CultureInfo.InvariantCulture) : "")}
            """;
        return new Statement(sql, p, columns);
    }

    private static string Column(IReadOnlyDictionary<string, MetricsColumnSql> columns, string name, SortedSet<MetricsJoin> joins)
    {
        var column = columns[name];
        joins.Add(column.Join);
        return column.Sql;
    }

    // Percentiles interpolate between the closest ranks (quantileExactInclusive), as the embedded store's
    // quantile_cont does, so both profiles give the same figure.
    private static string Aggregate(MetricAggregation aggregation, MeasureKind kind, string value) => aggregation switch
    {
        MetricAggregation.Sum => $"sum({value})",
        MetricAggregation.Avg => $"avg({value})",
        MetricAggregation.Count => kind == MeasureKind.Distinct ? $"count(DISTINCT {value})" : $"count({value})",
        MetricAggregation.Max => $"max({value})",
        MetricAggregation.Min => $"min({value})",
        MetricAggregation.P50 => $"quantileExactInclusive(0.5)(toFloat64({value}))",
        MetricAggregation.P75 => $"quantileExactInclusive(0.75)(toFloat64({value}))",
        MetricAggregation.P90 => $"quantileExactInclusive(0.9)(toFloat64({value}))",
        MetricAggregation.P95 => $"quantileExactInclusive(0.95)(toFloat64({value}))",
        MetricAggregation.P99 => $"quantileExactInclusive(0.99)(toFloat64({value}))",
        MetricAggregation.Uniq => $"count(DISTINCT {value})",
        _ => throw new ArgumentOutOfRangeException(nameof(aggregation)),
    };

    // Weeks start on Monday, as TimeBuckets and the embedded store's date_trunc have them.
    private static string Bucket(TimeGranularity granularity, string time) => granularity switch
    {
        TimeGranularity.Minute => $"toStartOfMinute({time})",
        TimeGranularity.Hour => $"toStartOfHour({time})",
        TimeGranularity.Day => $"toStartOfDay({time})",
        TimeGranularity.Week => $"toDateTime(toMonday({time}), 'UTC')",
        _ => $"toDateTime(toStartOfMonth({time}), 'UTC')",
    };

    private static string OrderBy(MetricsQuery query, List<string> columns)
    {
        if (query.OrderBy.Count > 0)
        {
            // Fields were checked against the result columns, whose names come from the catalog.
            return "ORDER BY " + string.Join(", ", query.OrderBy.Select(o => $"{Quote(columns.First(c => c == o.Field))} {(o.Descending ? "DESC" : "ASC")} NULLS LAST"));
        }

        if (query.Granularity is not null)
        {
            return $"ORDER BY {MetricsTable.TimeColumn} ASC";
        }

        return query.Metrics.Count > 0 ? $"ORDER BY {Quote(query.Metrics[0].Alias)} DESC NULLS LAST" : "";
    }

    private static string Quote(string name) => '"' + name + '"';
}
