using System.Text.Json;
using Sightline.Storage.Analytics.Sql;
using Sightline.Tracing;

namespace Sightline.Storage.ClickHouse;

/// <summary>A <see cref="ClickHouseRow"/> as the shared reads see it.</summary>
internal sealed class ClickHouseAnalyticsRow(ClickHouseRow row) : IAnalyticsRow
{
    public string String(int ordinal) => row.String(ordinal);

    public string? NullableString(int ordinal) => row.NullableString(ordinal);

    public long Long(int ordinal) => row.Long(ordinal);

    public decimal Decimal(int ordinal) => row.Decimal(ordinal);

    public bool Bool(int ordinal) => row.Bool(ordinal);

    public DateTime Time(int ordinal) => row.Time(ordinal);

    public List<string> StringList(int ordinal) => row.StringList(ordinal);

    public TraceRecord Trace() => TraceRows.Read(row);

    public ObservationRecord Observation() => ObservationRows.Read(row);

    public ScoreRecord Score() => ScoreRows.Read(row);

    public object?[] Values()
    {
        var values = new object?[row.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Value(row[i], row.Columns[i].Type);
        }

        return values;
    }

    /// <summary>A result value as the API writes it, by the column's ClickHouse type (JSON alone cannot tell a UInt64 from a String).</summary>
    internal static object? Value(JsonElement value, string type)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var bare = Unwrap(type);
        if (bare.StartsWith("Array(", StringComparison.Ordinal))
        {
            var element = bare["Array(".Length..^1];
            return value.EnumerateArray().Select(e => Value(e, element)?.ToString()).ToList();
        }

        if (bare.StartsWith("Decimal", StringComparison.Ordinal))
        {
            return ClickHouseRow.Decimal(value);
        }

        if (bare.StartsWith("Float", StringComparison.Ordinal))
        {
            return ClickHouseRow.Double(value);
        }

        if (bare.StartsWith("Int", StringComparison.Ordinal) || bare.StartsWith("UInt", StringComparison.Ordinal))
        {
            return bare == "UInt64" && ClickHouseRow.Decimal(value) is var big && big > long.MaxValue ? big : ClickHouseRow.Int64(value);
        }

        if (bare.StartsWith("Date", StringComparison.Ordinal))
        {
            return ClickHouseText.ParseTime(value.GetString()!);
        }

        return bare switch
        {
            "Bool" => value.ValueKind == JsonValueKind.True,
            _ when value.ValueKind == JsonValueKind.String => value.GetString(),
            _ => value.GetRawText(),
        };
    }

    private static string Unwrap(string type)
    {
        foreach (var wrapper in (string[])["Nullable(", "LowCardinality("])
        {
            if (type.StartsWith(wrapper, StringComparison.Ordinal))
            {
                return Unwrap(type[wrapper.Length..^1]);
            }
        }

        return type;
    }
}
