using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sightline.Otel;

/// <summary>Attribute values as JSON, and the JSON-in-a-string values the SDKs put into attributes.</summary>
internal static class OtlpJsonValues
{
    /// <summary>
    /// The value as JSON: primitives as themselves, arrays recursively; key-value lists become objects and bytes
    /// base64 text. Non-finite doubles become text, which JSON cannot hold as numbers.
    /// </summary>
    public static JsonNode? ToNode(OtlpValue value) => value.Kind switch
    {
        OtlpValueKind.String => JsonValue.Create(value.String),
        OtlpValueKind.Bool => JsonValue.Create(value.Bool),
        OtlpValueKind.Int => JsonValue.Create(value.Int),
        OtlpValueKind.Double when double.IsFinite(value.Double) => JsonValue.Create(value.Double),
        OtlpValueKind.Double => JsonValue.Create(value.Double.ToString(CultureInfo.InvariantCulture)),
        OtlpValueKind.Array => new JsonArray([.. value.Array!.Select(ToNode)]),
        OtlpValueKind.KeyValueList => ToObject(value.KeyValues!),
        OtlpValueKind.Bytes => JsonValue.Create(Convert.ToBase64String(value.Bytes!)),
        _ => null,
    };

    /// <summary>The value as text, as Langfuse keeps raw attributes in metadata: strings as-is, the rest as JSON.</summary>
    public static string AsText(OtlpValue value) =>
        value.Kind == OtlpValueKind.String ? value.String! : ToNode(value)?.ToJsonString() ?? "";

    public static JsonObject ToObject(IEnumerable<OtlpAttribute> attributes)
    {
        var result = new JsonObject();
        foreach (var attribute in attributes)
        {
            result[attribute.Key] = ToNode(attribute.Value);
        }

        return result;
    }

    public static JsonObject ToTextObject(IEnumerable<KeyValuePair<string, OtlpValue>> attributes)
    {
        var result = new JsonObject();
        foreach (var (key, value) in attributes)
        {
            result[key] = AsText(value);
        }

        return result;
    }

    /// <summary>
    /// A value the SDK JSON-encoded (Langfuse's own attributes): parsed when it is JSON, else kept as the string.
    /// </summary>
    public static JsonNode? ParseEncoded(OtlpValue value)
    {
        if (value.Kind != OtlpValueKind.String)
        {
            return ToNode(value);
        }

        return TryParse(value.String!) ?? JsonValue.Create(value.String);
    }

    /// <summary>
    /// A value from another framework: parsed only when it holds a JSON object or array, so plain text such as
    /// <c>"42"</c> or <c>"true"</c> stays text.
    /// </summary>
    public static JsonNode? ParseStructured(OtlpValue value)
    {
        if (value.Kind != OtlpValueKind.String)
        {
            return ToNode(value);
        }

        var text = value.String!.AsSpan().TrimStart();
        return text.Length > 0 && text[0] is '{' or '[' ? TryParse(value.String!) ?? JsonValue.Create(value.String) : JsonValue.Create(value.String);
    }

    /// <summary>A JSON object held in a string attribute (or sent as a key-value list); null otherwise.</summary>
    public static JsonObject? ParseObject(OtlpValue? value) => value switch
    {
        null => null,
        { Kind: OtlpValueKind.KeyValueList } v => ToObject(v.KeyValues!),
        { Kind: OtlpValueKind.String } v => TryParse(v.String!) as JsonObject,
        _ => null,
    };

    public static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static JsonElement ToElement(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
