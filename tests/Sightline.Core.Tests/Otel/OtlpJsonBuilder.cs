using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sightline.Core.Tests.Otel;

/// <summary>Test-only: a one-span OTLP/JSON export from attribute tuples, for rule-by-rule tests.</summary>
internal static class OtlpJsonBuilder
{
    public const string TraceId = "11112222333344445555666677778888";
    public const string SpanId = "aaaabbbbccccdddd";
    public const string ParentId = "1234123412341234";

    public static string Span(
        IEnumerable<(string Key, object Value)> attributes,
        string? parentSpanId = ParentId,
        string? scope = "test-instrumentation",
        IEnumerable<(string Key, object Value)>? resource = null,
        int statusCode = 0,
        string? start = "1718000000000000000",
        string? end = "1718000001000000000",
        JsonArray? events = null)
    {
        var span = new JsonObject
        {
            ["traceId"] = TraceId,
            ["spanId"] = SpanId,
            ["name"] = "test-span",
            ["kind"] = 1,
            ["attributes"] = Attributes(attributes),
            ["status"] = new JsonObject { ["code"] = statusCode },
        };
        if (parentSpanId is not null)
        {
            span["parentSpanId"] = parentSpanId;
        }

        if (start is not null)
        {
            span["startTimeUnixNano"] = start;
        }

        if (end is not null)
        {
            span["endTimeUnixNano"] = end;
        }

        if (events is not null)
        {
            span["events"] = events;
        }

        var export = new JsonObject
        {
            ["resourceSpans"] = new JsonArray(new JsonObject
            {
                ["resource"] = new JsonObject { ["attributes"] = Attributes(resource ?? []) },
                ["scopeSpans"] = new JsonArray(new JsonObject
                {
                    ["scope"] = new JsonObject { ["name"] = scope },
                    ["spans"] = new JsonArray(span),
                }),
            }),
        };
        return export.ToJsonString();
    }

    public static JsonObject Event(string name, params (string Key, object Value)[] attributes) =>
        new() { ["timeUnixNano"] = "1718000000500000000", ["name"] = name, ["attributes"] = Attributes(attributes) };

    public static JsonArray Attributes(IEnumerable<(string Key, object Value)> attributes) =>
        [.. attributes.Select(a => (JsonNode)new JsonObject { ["key"] = a.Key, ["value"] = Value(a.Value) })];

    private static JsonObject Value(object value) => value switch
    {
        string s => new JsonObject { ["stringValue"] = s },
        bool b => new JsonObject { ["boolValue"] = b },
        int or long => new JsonObject { ["intValue"] = JsonValue.Create(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)) },
        double d => new JsonObject { ["doubleValue"] = d },
        string[] items => new JsonObject { ["arrayValue"] = new JsonObject { ["values"] = new JsonArray([.. items.Select(i => (JsonNode)new JsonObject { ["stringValue"] = i })]) } },
        _ => throw new ArgumentException($"unsupported attribute value {JsonSerializer.Serialize(value, TestJson.Options)}"),
    };
}
