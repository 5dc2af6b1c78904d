using System.Globalization;
using System.Text.Json;

namespace Sightline.Otel;

/// <summary>
/// Decodes OTLP/JSON as the JS SDKs' <c>exporter-trace-otlp-http</c> sends it: hex string ids, <c>*UnixNano</c> as a
/// decimal string, a number or a <c>{high, low}</c> Long, attribute values as <c>{stringValue|intValue|…}</c>.
/// Produces the same <see cref="OtlpTraceExport"/> as <see cref="OtlpProtobufReader"/>.
/// </summary>
internal static class OtlpJsonReader
{
    private const int MaxValueDepth = 32;
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    public static OtlpTraceExport Read(ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException)
        {
            throw OtlpDecodeException.Malformed("not a JSON document");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw OtlpDecodeException.Malformed("expected a JSON object");
            }

            return new OtlpTraceExport(List(root, "resourceSpans", ReadResourceSpans));
        }
    }

    private static OtlpResourceSpans ReadResourceSpans(JsonElement element)
    {
        var resource = Field(element, "resource") is { ValueKind: JsonValueKind.Object } r ? Attributes(r, "attributes", 0) : [];
        return new OtlpResourceSpans(resource, List(element, "scopeSpans", ReadScopeSpans));
    }

    private static OtlpScopeSpans ReadScopeSpans(JsonElement element)
    {
        var scope = OtlpScope.Unknown;
        if (Field(element, "scope") is { ValueKind: JsonValueKind.Object } s)
        {
            scope = new OtlpScope(String(s, "name") ?? "", String(s, "version") is { Length: > 0 } v ? v : null, Attributes(s, "attributes", 0));
        }

        return new OtlpScopeSpans(scope, List(element, "spans", ReadSpan));
    }

    private static OtlpSpan ReadSpan(JsonElement element)
    {
        var traceId = Id(element, "traceId");
        var spanId = Id(element, "spanId");
        if (traceId is null || spanId is null)
        {
            throw OtlpDecodeException.Invalid("span without traceId or spanId");
        }

        var status = OtlpStatus.Unset;
        if (Field(element, "status") is { ValueKind: JsonValueKind.Object } st)
        {
            status = new OtlpStatus(Enum(st, "code", StatusCodes), String(st, "message") is { Length: > 0 } m ? m : null);
        }

        return new OtlpSpan(
            traceId,
            spanId,
            Id(element, "parentSpanId"),
            String(element, "name") ?? "",
            Enum(element, "kind", SpanKinds),
            UnixNano(element, "startTimeUnixNano"),
            UnixNano(element, "endTimeUnixNano"),
            Attributes(element, "attributes", 0),
            List(element, "events", e => new OtlpSpanEvent(UnixNano(e, "timeUnixNano"), String(e, "name") ?? "", Attributes(e, "attributes", 0))),
            status);
    }

    private static readonly string[] SpanKinds = ["SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"];
    private static readonly string[] StatusCodes = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"];

    private static List<T> List<T>(JsonElement parent, string name, Func<JsonElement, T> read)
    {
        var items = new List<T>();
        var value = Field(parent, name);
        if (value is null)
        {
            return items;
        }

        if (value.Value.ValueKind != JsonValueKind.Array)
        {
            throw OtlpDecodeException.Invalid($"{name} is not an array");
        }

        foreach (var item in value.Value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw OtlpDecodeException.Invalid($"{name} holds a non-object");
            }

            items.Add(read(item));
        }

        return items;
    }

    private static List<OtlpAttribute> Attributes(JsonElement parent, string name, int depth) =>
        List(parent, name, kv => new OtlpAttribute(String(kv, "key") ?? "", Field(kv, "value") is { } v ? Value(v, depth + 1) : OtlpValue.Empty));

    private static OtlpValue Value(JsonElement element, int depth)
    {
        if (depth > MaxValueDepth)
        {
            throw OtlpDecodeException.Malformed("attribute values nested too deeply");
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return OtlpValue.Empty;
        }

        foreach (var property in element.EnumerateObject())
        {
            var v = property.Value;
            if (v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                continue;
            }

            switch (property.Name)
            {
                case "stringValue":
                    return OtlpValue.Of(v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText());
                case "boolValue":
                    return OtlpValue.Of(v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.String && v.GetString() == "true"));
                case "intValue":
                    return IntValue(v) is { } i ? OtlpValue.Of(i) : throw OtlpDecodeException.Malformed("intValue is not an integer");
                case "doubleValue":
                    return DoubleValue(v) is { } d ? OtlpValue.Of(d) : throw OtlpDecodeException.Malformed("doubleValue is not a number");
                case "arrayValue":
                    return OtlpValue.Of(v.ValueKind == JsonValueKind.Object ? List(v, "values", e => Value(e, depth + 1)) : []);
                case "kvlistValue":
                    return OtlpValue.Of(v.ValueKind == JsonValueKind.Object ? Attributes(v, "values", depth) : []);
                case "bytesValue" when v.ValueKind == JsonValueKind.String:
                    try
                    {
                        return OtlpValue.Of(Convert.FromBase64String(v.GetString()!));
                    }
                    catch (FormatException)
                    {
                        throw OtlpDecodeException.Malformed("bytesValue is not base64");
                    }
            }
        }

        return OtlpValue.Empty;
    }

    /// <summary>An int64 as a number, a decimal string or protobufjs's <c>{low, high}</c> Long.</summary>
    private static long? IntValue(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetInt64(out var n) => n,
        JsonValueKind.Number when v.TryGetDouble(out var d) && Math.Abs(d) < 9.2e18 => (long)d,
        JsonValueKind.String when long.TryParse(v.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
        JsonValueKind.Object when LongParts(v) is { } bits => unchecked((long)bits),
        _ => null,
    };

    private static double? DoubleValue(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.String when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        JsonValueKind.String when v.GetString() is "NaN" or "Infinity" or "-Infinity" => v.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            _ => double.NegativeInfinity,
        },
        _ => null,
    };

    /// <summary>Nanoseconds since the epoch; 0 when absent or unreadable (the mapper then falls back).</summary>
    private static ulong UnixNano(JsonElement parent, string name)
    {
        if (Field(parent, name) is not { } v)
        {
            return 0;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetUInt64(out var n) => n,
            // Very large numbers may arrive in exponent form from JavaScript; millisecond precision survives.
            JsonValueKind.Number when v.TryGetDouble(out var d) && d is > 0 and < 1.8e19 => (ulong)d,
            JsonValueKind.String when ulong.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            JsonValueKind.Object => LongParts(v) ?? 0,
            _ => 0,
        };
    }

    private static ulong? LongParts(JsonElement v)
    {
        if (Field(v, "low") is not { ValueKind: JsonValueKind.Number } low || Field(v, "high") is not { ValueKind: JsonValueKind.Number } high
            || !low.TryGetInt64(out var lo) || !high.TryGetInt64(out var hi))
        {
            return null;
        }

        return ((ulong)(uint)hi << 32) | (uint)lo;
    }

    /// <summary>An id as sent (OTLP/JSON uses hex); null when missing or empty.</summary>
    private static string? Id(JsonElement parent, string name) =>
        Field(parent, name) is { ValueKind: JsonValueKind.String } v && v.GetString() is { Length: > 0 } id ? id : null;

    private static int Enum(JsonElement parent, string name, string[] names) => Field(parent, name) switch
    {
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out var n) => n,
        { ValueKind: JsonValueKind.String } v => Math.Max(0, Array.IndexOf(names, v.GetString())),
        _ => 0,
    };

    private static string? String(JsonElement parent, string name) =>
        Field(parent, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    private static JsonElement? Field(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? v : null;
}
