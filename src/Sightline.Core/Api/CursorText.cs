using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sightline.Api;

/// <summary>
/// The cursors of the cursor-based lists: a JSON object of text fields, base64-encoded, opaque to the caller who only
/// passes <c>meta.cursor</c> back unchanged.
/// </summary>
internal static class CursorText
{
    public const string Invalid = "cursor: Invalid cursor format; pass meta.cursor of the previous page unchanged";

    public static string Time(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Encode(params (string Name, string Value)[] fields)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return Convert.ToBase64String(buffer.WrittenSpan);
    }

    /// <summary>Null when the text is absent or <paramref name="read"/> accepts the decoded object; else the message for a bad cursor.</summary>
    public static string? Decode<T>(string? text, Func<JsonElement, T?> read, out T? cursor)
        where T : class
    {
        cursor = null;
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
            cursor = document.RootElement.ValueKind == JsonValueKind.Object ? read(document.RootElement) : null;
            return cursor is null ? Invalid : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return Invalid;
        }
    }
}
