using Sightline.Tracing;

namespace Sightline.Storage.Analytics.Sql;

/// <summary>One result row of an engine, read by column position.</summary>
internal interface IAnalyticsRow
{
    string String(int ordinal);

    string? NullableString(int ordinal);

    long Long(int ordinal);

    decimal Decimal(int ordinal);

    bool Bool(int ordinal);

    DateTime Time(int ordinal);

    List<string> StringList(int ordinal);

    /// <summary>Every value of the row as the metrics API writes it (longs, doubles, decimals, strings, booleans, UTC times, string lists).</summary>
    object?[] Values();

    /// <summary>A full row selected with <see cref="ISqlDialect.SelectList"/> of <see cref="RecordTable.Traces"/>.</summary>
    TraceRecord Trace();

    ObservationRecord Observation();

    ScoreRecord Score();
}
