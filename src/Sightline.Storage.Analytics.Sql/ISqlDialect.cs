using Sightline.Metrics;

namespace Sightline.Storage.Analytics.Sql;

/// <summary>
/// What differs between the analytics engines' SQL: table reads (ClickHouse reads through FINAL), string, array, map
/// and time functions, and percentiles. Everything else about a read is written once, in this assembly. Identifiers
/// that are keywords (<c>"timestamp"</c>, <c>"public"</c>) are double-quoted, which both engines accept.
/// </summary>
internal interface ISqlDialect
{
    /// <summary>A table read with an alias, one row per key: <c>traces AS t</c>, or <c>traces AS t FINAL</c>.</summary>
    string From(string table, string alias);

    /// <summary>A table read without an alias, in a subquery.</summary>
    string Table(string table);

    /// <summary>
    /// A table's rows of one project that meet <paramref name="condition"/> (written on bare column names), as
    /// <c>FROM</c> text through <c>WHERE</c>; ClickHouse picks the keys first so FINAL merges only those.
    /// </summary>
    string RowsWhere(string table, string project, string condition);

    /// <summary>Whether a filter on the trace's properties reads best as an inner join on the matching trace ids rather than <c>IN (subquery)</c>.</summary>
    bool JoinsTraceFilters { get; }

    /// <summary>The stored columns of a table in the order the engine's row reader expects them.</summary>
    string SelectList(RecordTable table, string alias);

    string Contains(string text, string value);

    string StartsWith(string text, string value);

    string EndsWith(string text, string value);

    string ArrayHasAny(string array, string values);

    string ArrayHasAll(string array, string values);

    /// <summary>Every tag in the column's list; one condition, never empty (the caller skips no tags).</summary>
    string HasAllTags(string column, IReadOnlyList<string> tags, SqlParameterSet p);

    /// <summary><paramref name="value"/> is one of a list value added with <see cref="SqlParameterSet.AddArray"/>.</summary>
    string InList(string value, string list);

    /// <summary>A map's value for a key, NULL when the key is absent.</summary>
    string MapValue(string map, string key);

    /// <summary>The sum of a numeric map's values whose key contains <paramref name="word"/> (a fixed lowercase word), 0 when none.</summary>
    string SumOfKeysContaining(string map, string word);

    string MillisecondsBetween(string from, string to);

    string SecondsBetween(string from, string to);

    /// <summary>A time as text in a strftime format (<c>%Y-%m</c>).</summary>
    string FormatTime(string time, string format);

    /// <summary>A condition as a boolean column value.</summary>
    string Boolean(string condition);

    /// <summary>The start of the time's bucket; weeks start on Monday.</summary>
    string TimeBucket(TimeGranularity granularity, string time);

    /// <summary>A percentile interpolated between the closest ranks.</summary>
    string Percentile(string value, double fraction);

    /// <summary>An aggregate: the ids of the group ordered by (time, id).</summary>
    string IdsOrderedBy(string id, string time);
}
