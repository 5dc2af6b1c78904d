using System.Buffers;
using System.Text.Json;

namespace Sightline.Tracing;

/// <summary>Turns stored text back into the JSON values the read API returns.</summary>
internal static class StoredJson
{
    /// <summary>Raw JSON text as stored for input/output/model parameters; text that is not JSON reads as a string.</summary>
    public static JsonElement? Value(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return TryParse(text, out var parsed) ? parsed : JsonSerializer.SerializeToElement(text, Api.SightlineJson.Default.String);
    }

    /// <summary>
    /// Metadata is stored as a map of strings; like Langfuse, values that parse as JSON are returned parsed
    /// (<c>"42"</c> reads back as <c>42</c>, an encoded object as an object).
    /// </summary>
    public static JsonElement Metadata(IReadOnlyDictionary<string, string> metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(key);
                if (LooksLikeJson(value) && TryParse(value, out var parsed))
                {
                    parsed.WriteTo(writer);
                }
                else
                {
                    writer.WriteStringValue(value);
                }
            }

            writer.WriteEndObject();
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }

    private static bool LooksLikeJson(string value) =>
        value.Length > 0 && (value[0] is '{' or '[' or '"' or '-' || char.IsAsciiDigit(value[0]) || value is "true" or "false" or "null");

    private static bool TryParse(string value, out JsonElement element)
    {
        try
        {
            using var doc = JsonDocument.Parse(value);
            element = doc.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            element = default;
            return false;
        }
    }
}
