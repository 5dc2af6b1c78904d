using System.Collections;
using System.Numerics;
using DuckDB.NET.Data;
using Sightline.Storage.Analytics.Sql;
using Sightline.Tracing;

namespace Sightline.Storage.DuckDb;

/// <summary>The current row of a DuckDB reader as the shared reads see it.</summary>
internal sealed class DuckDbAnalyticsRow(DuckDBDataReader reader) : IAnalyticsRow
{
    public string String(int ordinal) => reader.GetString(ordinal);

    public string? NullableString(int ordinal) => DuckDbValues.ReadNullableString(reader, ordinal);

    public long Long(int ordinal) => reader.GetInt64(ordinal);

    public decimal Decimal(int ordinal) => reader.GetDecimal(ordinal);

    public bool Bool(int ordinal) => reader.GetBoolean(ordinal);

    public DateTime Time(int ordinal) => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    public List<string> StringList(int ordinal) => DuckDbReads.ReadList(reader, ordinal);

    public TraceRecord Trace() => TraceRows.Read(reader);

    public ObservationRecord Observation() => ObservationRows.Read(reader);

    public ScoreRecord Score() => ScoreRows.Read(reader);

    public object?[] Values()
    {
        var row = new object?[reader.FieldCount];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = reader.IsDBNull(i) ? null : Normalize(reader.GetValue(i));
        }

        return row;
    }

    // Sums of integers are HUGEINT in DuckDB; the API speaks plain JSON numbers.
    private static object? Normalize(object value) => value switch
    {
        BigInteger big => big >= long.MinValue && big <= long.MaxValue ? (long)big : (decimal)big,
        int i => (long)i,
        short s => (long)s,
        sbyte b => (long)b,
        byte b => (long)b,
        ushort s => (long)s,
        uint u => (long)u,
        ulong u => u <= long.MaxValue ? (long)u : (decimal)u,
        float f => (double)f,
        DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc),
        string or bool or long or double or decimal => value,
        IEnumerable list => list.Cast<object?>().Select(v => v?.ToString()).ToList(),
        _ => value.ToString(),
    };
}
