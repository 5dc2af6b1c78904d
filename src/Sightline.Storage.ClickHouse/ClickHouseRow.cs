using System.Globalization;
using System.Text.Json;

namespace Sightline.Storage.ClickHouse;

/// <summary>
/// One row of a <c>JSONCompact</c> result, read by column position. ClickHouse writes 64-bit integers as JSON strings
/// or numbers depending on <c>output_format_json_quote_64bit_integers</c> (a server default that changed between
/// versions), so every numeric read accepts both.
/// </summary>
internal readonly struct ClickHouseRow(JsonElement values, IReadOnlyList<ClickHouseColumn> columns)
{
    public IReadOnlyList<ClickHouseColumn> Columns => columns;

    public int Count => values.GetArrayLength();

    public JsonElement this[int ordinal] => values[ordinal];

    public bool IsNull(int ordinal) => values[ordinal].ValueKind == JsonValueKind.Null;

    public string String(int ordinal) => values[ordinal].GetString()!;

    public string? NullableString(int ordinal) => IsNull(ordinal) ? null : String(ordinal);

    public bool Bool(int ordinal) => values[ordinal] is var v && (v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.Number && v.GetInt32() != 0));

    public DateTime Time(int ordinal) => ClickHouseText.ParseTime(String(ordinal));

    public DateTime? NullableTime(int ordinal) => IsNull(ordinal) ? null : Time(ordinal);

    public long Long(int ordinal) => Int64(values[ordinal]);

    public int? NullableInt(int ordinal) => IsNull(ordinal) ? null : checked((int)Long(ordinal));

    public double? NullableDouble(int ordinal) => IsNull(ordinal) ? null : Double(values[ordinal]);

    public decimal Decimal(int ordinal) => Decimal(values[ordinal]);

    public decimal? NullableDecimal(int ordinal) => IsNull(ordinal) ? null : Decimal(ordinal);

    public List<string> StringList(int ordinal) =>
        IsNull(ordinal) ? [] : values[ordinal].EnumerateArray().Select(e => e.GetString()!).ToList();

    public Dictionary<string, string> StringMap(int ordinal) => Map(ordinal, e => e.GetString()!);

    public Dictionary<string, long> LongMap(int ordinal) => Map(ordinal, Int64);

    public Dictionary<string, decimal> DecimalMap(int ordinal) => Map(ordinal, Decimal);

    private Dictionary<string, T> Map<T>(int ordinal, Func<JsonElement, T> read)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        if (!IsNull(ordinal))
        {
            foreach (var property in values[ordinal].EnumerateObject())
            {
                map[property.Name] = read(property.Value);
            }
        }

        return map;
    }

    public static long Int64(JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? long.Parse(e.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture) : e.GetInt64();

    public static decimal Decimal(JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? decimal.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture) : e.GetDecimal();

    public static double Double(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() switch
        {
            "nan" or "-nan" => double.NaN,
            "inf" or "+inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            var s => double.Parse(s!, NumberStyles.Float, CultureInfo.InvariantCulture),
        },
        _ => e.GetDouble(),
    };
}
