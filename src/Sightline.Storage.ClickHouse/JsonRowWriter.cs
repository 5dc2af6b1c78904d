using System.Text.Json;

namespace Sightline.Storage.ClickHouse;

/// <summary>Column values in the JSON form ClickHouse's <c>JSONEachRow</c> input reads for each column type.</summary>
internal static class JsonRowWriter
{
    /// <summary>Digits after the point of the Decimal(18, 12) money columns; more would be refused, fewer are padded.</summary>
    private const int MoneyScale = 12;

    public static void WriteTime(this Utf8JsonWriter writer, string name, DateTime value) => writer.WriteString(name, ClickHouseText.Time(value));

    public static void WriteTime(this Utf8JsonWriter writer, string name, DateTime? value)
    {
        if (value is { } v)
        {
            writer.WriteTime(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteNullable(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    public static void WriteMoney(this Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, Money(v));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteMap(this Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string>? map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map ?? new Dictionary<string, string>())
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    public static void WriteMap(this Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, long>? map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map ?? new Dictionary<string, long>())
        {
            writer.WriteNumber(key, value);
        }

        writer.WriteEndObject();
    }

    public static void WriteMap(this Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, decimal>? map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map ?? new Dictionary<string, decimal>())
        {
            writer.WriteNumber(key, Money(value));
        }

        writer.WriteEndObject();
    }

    public static void WriteList(this Utf8JsonWriter writer, string name, IReadOnlyList<string>? values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values ?? [])
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>The version and deletion flag every written row ends with.</summary>
    public static void WriteVersion(this Utf8JsonWriter writer, string version)
    {
        writer.WriteString("event_ts", version);
        writer.WriteNumber("is_deleted", 0);
    }

    // Rounded as the embedded store's DECIMAL(18,12) cast rounds, so both profiles keep the same digits.
    private static decimal Money(decimal value) => Math.Round(value, MoneyScale, MidpointRounding.AwayFromZero);
}
