using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sightline.Ingestion;

/// <summary>
/// Typed reads of optional JSON fields, shared by validation (which reports) and merging (which trusts), and the
/// bodies of the events the server logs on its own.
/// </summary>
internal static partial class JsonFields
{
    /// <summary>The body with <c>id</c> set (replacing any given one); an undefined body gives just <c>{"id": ...}</c>.</summary>
    public static JsonElement WithId(JsonElement body, string id)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            if (body.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in body.EnumerateObject())
                {
                    if (property.Name != "id")
                    {
                        property.WriteTo(writer);
                    }
                }
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    public static bool TryGet(JsonElement body, string name, out JsonElement value) =>
        body.TryGetProperty(name, out value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);

    public static string? String(JsonElement body, string name) =>
        TryGet(body, name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static DateTime? Time(JsonElement body, string name) =>
        TryGet(body, name, out var v) && v.ValueKind == JsonValueKind.String && TryParseTime(v.GetString(), out var t) ? t : null;

    public static bool? Bool(JsonElement body, string name) =>
        TryGet(body, name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    /// <summary>
    /// ISO 8601 with an explicit zone (<c>Z</c> or an offset), as Langfuse requires; zone-less values are ambiguous
    /// and rejected. Stored at millisecond precision in UTC.
    /// </summary>
    public static bool TryParseTime(string? text, out DateTime utc)
    {
        utc = default;
        if (text is null || !ZoneSuffix().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return false;
        }

        var ticks = parsed.UtcDateTime.Ticks;
        utc = new DateTime(ticks - (ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
        return true;
    }

    /// <summary>A number, or a string holding one (SDKs send both for usage counts).</summary>
    public static bool TryGetNumber(JsonElement value, out decimal number)
    {
        number = 0;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDecimal(out number),
            JsonValueKind.String => decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number),
            _ => false,
        };
    }

    // A time of day is required: without it "2024-01-01" would end in what looks like a "-01" offset.
    [GeneratedRegex(@"[Tt ]\d{2}:\d{2}.*(Z|z|[+-]\d{2}(:?\d{2})?)$")]
    private static partial Regex ZoneSuffix();
}
