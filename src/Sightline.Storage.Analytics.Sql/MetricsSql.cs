using System.Globalization;
using Sightline.Api;
using Sightline.Metrics;

namespace Sightline.Storage.Analytics.Sql;

/// <summary>
/// Translates a validated <see cref="MetricsQuery"/> into one SQL statement. The inner SELECT evaluates each
/// dimension, the time bucket and each measure once per view row; the outer SELECT groups by the dimensions and
/// bucket and applies the aggregations. Column expressions come only from <see cref="MetricsViews"/> (looked up by
/// catalog name), result aliases only from catalog names, and every value is a bound parameter.
/// </summary>
internal sealed class MetricsSql(ISqlDialect dialect)
{
    private readonly MetricsViews _views = new(dialect);

    public sealed record Statement(string Sql, SqlParameterSet Parameters, IReadOnlyList<string> Columns);

    public Statement Build(MetricsQuery query, SqlParameterSet p)
    {
        var inner = Inner(query, p);
        var outer = new List<string>(inner.Keys);
        var columns = new List<string>(inner.KeyNames);
        for (var i = 0; i < query.Metrics.Count; i++)
        {
            var metric = query.Metrics[i];
            outer.Add($"{Aggregate(metric.Aggregation, inner.Kinds[i], $"m{i}")} AS {Quote(metric.Alias)}");
            columns.Add(metric.Alias);
        }

        if (query.Metrics.Count == 0)
        {
            outer.Add("count(*) AS \"count\"");
            columns.Add("count");
        }

        var sql = $"""
            SELECT {string.Join(", ", outer)}
            FROM ({inner.Sql}) AS q
            {GroupBy(inner.GroupBy)}
            {OrderBy(query, columns)}
            {(query.RowLimit is { } limit ? "LIMIT " + limit.ToString(CultureInfo.InvariantCulture) : "")}
            """;
        return new Statement(sql, p, columns);
    }

    /// <summary>
    /// The histogram of the query's only metric: one row per group and non-empty bin, with the group's key columns,
    /// then the bin number (0 to bins - 1), the bin's count, and the group's smallest and largest value. Bins split
    /// [smallest, largest] into equal widths; the largest value falls into the last bin. Rows without a value are
    /// left out, as the other aggregations leave them out.
    /// </summary>
    public Statement BuildHistogram(MetricsQuery query, SqlParameterSet p)
    {
        var inner = Inner(query, p);
        var keys = inner.GroupBy;
        var partition = keys.Count > 0 ? "PARTITION BY " + string.Join(", ", keys) : "";
        var bins = query.Bins.ToString(CultureInfo.InvariantCulture);
        var lastBin = (query.Bins - 1).ToString(CultureInfo.InvariantCulture);
        var sql = $"""
            SELECT {string.Join(", ", inner.Keys.Append("bin").Append("count(*) AS n").Append("min(lo) AS lo").Append("max(hi) AS hi"))}
            FROM (
                SELECT {string.Join(", ", keys.Append("lo").Append("hi"))},
                       CASE WHEN hi = lo THEN 0 ELSE least(CAST(floor((v - lo) * {bins} / (hi - lo)) AS BIGINT), {lastBin}) END AS bin
                FROM (
                    SELECT {string.Join(", ", keys.Append("v"))}, min(v) OVER ({partition}) AS lo, max(v) OVER ({partition}) AS hi
                    FROM (SELECT {string.Join(", ", keys.Append("CAST(m0 AS DOUBLE) AS v"))} FROM ({inner.Sql}) AS q WHERE m0 IS NOT NULL) AS r
                ) AS w
            ) AS b
            {GroupBy([.. keys, "bin"])}
            {(query.OrderBy.Count > 0 || query.Granularity is not null ? OrderBy(query, inner.KeyNames)
                : inner.KeyNames.Count > 0 ? "ORDER BY " + string.Join(", ", inner.KeyNames.Select(k => $"{Quote(k)} ASC NULLS LAST")) : "")}
            """;
        return new Statement(sql, p, inner.KeyNames);
    }

    /// <summary>
    /// The per-row SELECT: dimensions as d0.., the time bucket, measures as m0.., from the view's table with the
    /// joins they need, under the project, time range and filters.
    /// </summary>
    private InnerSelect Inner(MetricsQuery query, SqlParameterSet p)
    {
        var view = _views.Of(query.View);
        var project = p.Add(query.ProjectId);
        var from = p.Add(query.From);
        var to = p.Add(query.To);
        var joins = new SortedSet<MetricsJoin>();

        var select = new List<string>();
        var keys = new List<string>();
        var groupBy = new List<string>();
        var keyNames = new List<string>();
        for (var i = 0; i < query.Dimensions.Count; i++)
        {
            var name = query.Dimensions[i];
            select.Add($"{Column(view.Dimensions, name, joins)} AS d{i}");
            keys.Add($"d{i} AS {Quote(name)}");
            groupBy.Add($"d{i}");
            keyNames.Add(name);
        }

        if (query.Granularity is { } granularity)
        {
            select.Add($"{dialect.TimeBucket(granularity, view.Time)} AS {MetricsTable.TimeColumn}");
            keys.Add(MetricsTable.TimeColumn);
            groupBy.Add(MetricsTable.TimeColumn);
            keyNames.Add(MetricsTable.TimeColumn);
        }

        var measures = MetricsCatalog.Of(query.View).Measures;
        var kinds = new List<MeasureKind>();
        for (var i = 0; i < query.Metrics.Count; i++)
        {
            var metric = query.Metrics[i];
            select.Add($"{Column(view.Measures, metric.Measure, joins)} AS m{i}");
            kinds.Add(measures[metric.Measure]);
        }

        List<string> where = [$"{view.Alias}.project_id = {project}", $"{view.Time} >= {from}", $"{view.Time} <= {to}"];
        if (view.Segment is not null)
        {
            where.Add(view.Segment);
        }

        foreach (var filter in query.Filters)
        {
            var expression = filter.Target == FilterTarget.Metadata ? dialect.MapValue(view.Metadata, p.Add(filter.Key!))
                : view.Dimensions.ContainsKey(filter.Column) ? Column(view.Dimensions, filter.Column, joins)
                : view.Time;
            where.Add(FilterSql.Condition(dialect, filter, expression, p));
        }

        joins.Remove(MetricsJoin.None);
        var joinSql = string.Join("\n", joins.Select(j => _views.JoinSql(query.View, j, project, from, to)));
        var sql = $"""

                SELECT {(select.Count > 0 ? string.Join(", ", select) : "1 AS one")}
                FROM {dialect.From(view.Table, view.Alias)}
                {joinSql}
                WHERE {string.Join("\n  AND ", where)}

            """;
        return new InnerSelect(sql, keys, groupBy, keyNames, kinds);
    }

    /// <summary>The per-row SELECT and, for the outer one, the key columns (dimensions and bucket) and each measure's kind.</summary>
    private sealed record InnerSelect(string Sql, List<string> Keys, List<string> GroupBy, List<string> KeyNames, List<MeasureKind> Kinds);

    private static string GroupBy(List<string> columns) => columns.Count > 0 ? "GROUP BY " + string.Join(", ", columns) : "";

    private static string Column(IReadOnlyDictionary<string, MetricsColumnSql> columns, string name, SortedSet<MetricsJoin> joins)
    {
        var column = columns[name];
        joins.Add(column.Join);
        return column.Sql;
    }

    private string Aggregate(MetricAggregation aggregation, MeasureKind kind, string value) => aggregation switch
    {
        MetricAggregation.Sum => $"sum({value})",
        MetricAggregation.Avg => $"avg({value})",
        MetricAggregation.Count => kind == MeasureKind.Distinct ? $"count(DISTINCT {value})" : $"count({value})",
        MetricAggregation.Max => $"max({value})",
        MetricAggregation.Min => $"min({value})",
        MetricAggregation.P50 => dialect.Percentile(value, 0.5),
        MetricAggregation.P75 => dialect.Percentile(value, 0.75),
        MetricAggregation.P90 => dialect.Percentile(value, 0.9),
        MetricAggregation.P95 => dialect.Percentile(value, 0.95),
        MetricAggregation.P99 => dialect.Percentile(value, 0.99),
        MetricAggregation.Uniq => $"count(DISTINCT {value})",
        _ => throw new ArgumentOutOfRangeException(nameof(aggregation)),
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
