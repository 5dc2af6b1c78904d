using System.Globalization;
using Sightline.Metrics;
using Sightline.Storage.Analytics.Sql;

namespace Sightline.Storage.DuckDb;

/// <summary>DuckDB's SQL for the shared analytics reads. Tables hold one row per key, so they are read as they are.</summary>
internal sealed class DuckDbDialect : ISqlDialect
{
    public static readonly DuckDbDialect Instance = new();

    public string From(string table, string alias) => $"{table} AS {alias}";

    public string Table(string table) => table;

    public string RowsWhere(string table, string project, string condition) => $"{table} WHERE project_id = {project} AND {condition}";

    // An inner join on the matching traces: measured several times faster in DuckDB than the same filter as IN (subquery).
    public bool JoinsTraceFilters => true;

    public string SelectList(RecordTable table, string alias) => table switch
    {
        RecordTable.Traces => AnalyticsTables.Traces.SelectListOf(alias),
        RecordTable.Observations => AnalyticsTables.Observations.SelectListOf(alias),
        _ => AnalyticsTables.Scores.SelectListOf(alias),
    };

    public string Contains(string text, string value) => $"contains({text}, {value})";

    public string StartsWith(string text, string value) => $"starts_with({text}, {value})";

    public string EndsWith(string text, string value) => $"ends_with({text}, {value})";

    public string ArrayHasAny(string array, string values) => $"list_has_any({array}, {values})";

    public string ArrayHasAll(string array, string values) => $"list_has_all({array}, {values})";

    // One list_contains per tag: measured about four times faster than list_has_all on a million traces.
    public string HasAllTags(string column, IReadOnlyList<string> tags, SqlParameterSet p) =>
        string.Join(" AND ", tags.Select(tag => $"list_contains({column}, {p.Add(tag)})"));

    public string InList(string value, string list) => $"list_contains({list}, {value})";

    public string MapValue(string map, string key) => $"{map}[{key}]";

    // The lambdas cost far more per row than the scan; CASE runs them only on rows whose map has entries (most
    // observations are spans and events without usage or cost). Measured on 300,000 observations, 4 in 10 with
    // usage, one thread: the daily metrics' usage query from 1,213 to 631 ms.
    public string SumOfKeysContaining(string map, string word) =>
        $"CASE WHEN cardinality({map}) = 0 THEN 0 ELSE coalesce(list_sum(list_transform(list_filter(map_entries({map}), lambda e: contains(lower(e.key), '{word}')), lambda e: e.value)), 0) END";

    public string MillisecondsBetween(string from, string to) => $"date_diff('millisecond', {from}, {to})";

    public string SecondsBetween(string from, string to) => $"date_diff('second', {from}, {to})";

    public string FormatTime(string time, string format) => $"strftime({time}, '{format}')";

    public string Boolean(string condition) => $"({condition})";

    public string TimeBucket(TimeGranularity granularity, string time) => granularity switch
    {
        TimeGranularity.Minute => $"date_trunc('minute', {time})",
        TimeGranularity.Hour => $"date_trunc('hour', {time})",
        TimeGranularity.Day => $"date_trunc('day', {time})",
        TimeGranularity.Week => $"date_trunc('week', {time})",
        _ => $"date_trunc('month', {time})",
    };

    public string Percentile(string value, double fraction) => $"quantile_cont({value}, {fraction.ToString(CultureInfo.InvariantCulture)})";

    public string IdsOrderedBy(string id, string time) => $"list({id} ORDER BY {time}, {id})";
}
