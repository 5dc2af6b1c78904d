using System.Globalization;
using Sightline.Metrics;
using Sightline.Storage.Analytics.Sql;

namespace Sightline.Storage.ClickHouse;

/// <summary>
/// ClickHouse's SQL for the shared analytics reads. Every table is read with FINAL, so each ReplacingMergeTree shows
/// one row per key: the newest version, with deleted rows left out.
/// </summary>
internal sealed class ClickHouseDialect : ISqlDialect
{
    public static readonly ClickHouseDialect Instance = new();

    public string From(string table, string alias) => $"{table} AS {alias} FINAL";

    public string Table(string table) => $"{table} FINAL";

    public string RowsWhere(string table, string project, string condition) =>
        $"{table} FINAL WHERE project_id = {project} AND id IN (SELECT id FROM {table} WHERE project_id = {project} AND {condition}) AND {condition}";

    // IN (subquery): ClickHouse builds a set of the matching trace ids once.
    public bool JoinsTraceFilters => false;

    public string SelectList(RecordTable table, string alias) => table switch
    {
        RecordTable.Traces => ClickHouseTables.Traces.SelectListOf(alias),
        RecordTable.Observations => ClickHouseTables.Observations.SelectListOf(alias),
        _ => ClickHouseTables.Scores.SelectListOf(alias),
    };

    public string Contains(string text, string value) => $"(position({text}, {value}) > 0)";

    public string StartsWith(string text, string value) => $"startsWith({text}, {value})";

    public string EndsWith(string text, string value) => $"endsWith({text}, {value})";

    public string ArrayHasAny(string array, string values) => $"hasAny({array}, {values})";

    public string ArrayHasAll(string array, string values) => $"hasAll({array}, {values})";

    public string HasAllTags(string column, IReadOnlyList<string> tags, SqlParameterSet p) => ArrayHasAll(column, p.AddArray(tags));

    public string InList(string value, string list) => $"{value} IN ({list})";

    // A ClickHouse map yields '' for a missing key; the embedded store's yields NULL, and "is null" filters must agree.
    public string MapValue(string map, string key) => $"if(mapContains({map}, {key}), {map}[{key}], NULL)";

    public string SumOfKeysContaining(string map, string word) =>
        $"arraySum(mapValues(mapFilter((k, v) -> position(lower(k), '{word}') > 0, {map})))";

    public string MillisecondsBetween(string from, string to) => $"(toUnixTimestamp64Milli({to}) - toUnixTimestamp64Milli({from}))";

    public string SecondsBetween(string from, string to) => $"dateDiff('second', {from}, {to})";

    public string FormatTime(string time, string format) => $"formatDateTime({time}, '{format}')";

    public string Boolean(string condition) => $"toBool({condition})";

    // Weeks start on Monday, as TimeBuckets and the embedded store's date_trunc have them.
    public string TimeBucket(TimeGranularity granularity, string time) => granularity switch
    {
        TimeGranularity.Minute => $"toStartOfMinute({time})",
        TimeGranularity.Hour => $"toStartOfHour({time})",
        TimeGranularity.Day => $"toStartOfDay({time})",
        TimeGranularity.Week => $"toDateTime(toMonday({time}), 'UTC')",
        _ => $"toDateTime(toStartOfMonth({time}), 'UTC')",
    };

    // Interpolates between the closest ranks, as the embedded store's quantile_cont does, so both give the same figure.
    public string Percentile(string value, double fraction) =>
        $"quantileExactInclusive({fraction.ToString(CultureInfo.InvariantCulture)})(toFloat64({value}))";

    public string IdsOrderedBy(string id, string time) => $"arrayMap(x -> tupleElement(x, 2), arraySort(groupArray(({time}, {id}))))";
}
