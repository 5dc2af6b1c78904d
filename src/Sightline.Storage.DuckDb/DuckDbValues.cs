using DuckDB.NET.Data;

namespace Sightline.Storage.DuckDb;

/// <summary>Conversions shared by the row mappers.</summary>
internal static class DuckDbValues
{
    /// <summary>
    /// Stored times are UTC at millisecond precision, like Langfuse's ClickHouse DateTime64(3) columns, so both
    /// profiles return the same value for the same input.
    /// </summary>
    public static DateTime ToStored(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    public static DateTime? ToStored(DateTime? value) => value is { } v ? ToStored(v) : null;

    /// <summary>DuckDB hands TIMESTAMP values back with an unspecified kind; every stored time is UTC.</summary>
    public static DateTime ReadTime(DuckDBDataReader reader, int ordinal) =>
        DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    public static DateTime? ReadNullableTime(DuckDBDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    public static string? ReadNullableString(DuckDBDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static Dictionary<string, TValue> ReadMap<TValue>(DuckDBDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<Dictionary<string, TValue>>(ordinal);

    /// <summary>Appends a map as the key list and value list its staging columns expect.</summary>
    public static IDuckDBAppenderRow AppendMap<TValue>(this IDuckDBAppenderRow row, IReadOnlyDictionary<string, TValue>? map)
    {
        if (map is null || map.Count == 0)
        {
            return row.AppendValue(Array.Empty<string>()).AppendValue(Array.Empty<TValue>());
        }

        var keys = new string[map.Count];
        var values = new TValue[map.Count];
        var i = 0;
        foreach (var (key, value) in map)
        {
            keys[i] = key;
            values[i] = value;
            i++;
        }

        return row.AppendValue(keys).AppendValue(values);
    }

    public static IDuckDBAppenderRow AppendNullable(this IDuckDBAppenderRow row, string? value) =>
        value is null ? row.AppendNullValue() : row.AppendValue(value);
}
