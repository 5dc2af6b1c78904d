using System.Globalization;
using System.Text.Json.Nodes;

namespace Sightline.Otel;

/// <summary>
/// An observation's input and output (spec §5.6): the first convention that yields either one supplies both, in
/// Langfuse's order of precedence.
/// </summary>
internal static class InputOutputExtractor
{
    private static readonly string[] MessageEvents = ["gen_ai.system.message", "gen_ai.user.message", "gen_ai.assistant.message", "gen_ai.tool.message"];

    public static (JsonNode? Input, JsonNode? Output) Extract(SpanAttributes a, IReadOnlyList<OtlpSpanEvent> events)
    {
        return Pair(Encoded(a, "langfuse.observation.input"), Encoded(a, "langfuse.observation.output"))
            ?? Pair(Structured(a, "genkit:input"), Structured(a, "genkit:output"))
            ?? Pair(
                Structured(a, "ai.prompt.messages") ?? Structured(a, "ai.prompt") ?? Structured(a, "ai.toolCall.args"),
                Structured(a, "ai.response.text") ?? Structured(a, "ai.response.object") ?? Structured(a, "ai.response.toolCalls") ?? Structured(a, "ai.toolCall.result"))
            ?? FromEvents(events)
            ?? Pair(Structured(a, "mlflow.spanInputs"), Structured(a, "mlflow.spanOutputs"))
            ?? Pair(Structured(a, "traceloop.entity.input"), Structured(a, "traceloop.entity.output"))
            ?? Pair(Structured(a, "input.value"), Structured(a, "output.value"))
            ?? Pair(Structured(a, "input"), Structured(a, "output"))
            ?? Pair(Flattened(a, "gen_ai.prompt."), Flattened(a, "gen_ai.completion."))
            ?? Pair(Flattened(a, "llm.input_messages."), Flattened(a, "llm.output_messages."))
            ?? Pair(GenAiInputMessages(a), Structured(a, "gen_ai.output.messages"))
            ?? Pair(Structured(a, "gen_ai.tool.call.arguments"), Structured(a, "gen_ai.tool.call.result"))
            ?? (null, null);
    }

    private static (JsonNode?, JsonNode?)? Pair(JsonNode? input, JsonNode? output) =>
        input is null && output is null ? null : (input, output);

    private static JsonNode? Encoded(SpanAttributes a, string key) => a.Get(key) is { } v ? OtlpJsonValues.ParseEncoded(v) : null;

    private static JsonNode? Structured(SpanAttributes a, string key) => a.Get(key) is { } v ? OtlpJsonValues.ParseStructured(v) : null;

    /// <summary>
    /// GenAI semantic-convention events: one <c>gen_ai.client.inference.operation.details</c> event with the
    /// messages, or one event per message (<c>gen_ai.user.message</c>, …) and per choice (<c>gen_ai.choice</c>).
    /// </summary>
    private static (JsonNode?, JsonNode?)? FromEvents(IReadOnlyList<OtlpSpanEvent> events)
    {
        if (events.Count == 0)
        {
            return null;
        }

        foreach (var e in events)
        {
            if (e.Name == "gen_ai.client.inference.operation.details")
            {
                var attributes = new SpanAttributes(e.Attributes);
                if (Pair(GenAiInputMessages(attributes), Structured(attributes, "gen_ai.output.messages")) is { } details)
                {
                    return details;
                }
            }
        }

        var input = new JsonArray();
        var output = new JsonArray();
        foreach (var e in events)
        {
            if (MessageEvents.Contains(e.Name))
            {
                var message = EventMessage(e);
                message.TryAdd("role", e.Name["gen_ai.".Length..^".message".Length]);
                input.Add(message);
            }
            else if (e.Name == "gen_ai.choice")
            {
                output.Add(EventMessage(e));
            }
        }

        return Pair(
            input.Count > 0 ? input : null,
            output.Count switch
            {
                0 => null,
                1 => output[0]!.DeepClone(),
                _ => output,
            });
    }

    private static JsonObject EventMessage(OtlpSpanEvent e)
    {
        var message = new JsonObject();
        foreach (var attribute in e.Attributes)
        {
            var key = attribute.Key.StartsWith("gen_ai.", StringComparison.Ordinal) ? attribute.Key["gen_ai.".Length..] : attribute.Key;
            message[key] = OtlpJsonValues.ParseStructured(attribute.Value);
        }

        return message;
    }

    /// <summary><c>gen_ai.input.messages</c>, with <c>gen_ai.system_instructions</c> first as a system message.</summary>
    private static JsonNode? GenAiInputMessages(SpanAttributes a)
    {
        var messages = Structured(a, "gen_ai.input.messages");
        if (Structured(a, "gen_ai.system_instructions") is not { } instructions)
        {
            return messages;
        }

        var list = new JsonArray { new JsonObject { ["role"] = "system", ["content"] = instructions } };
        if (messages is JsonArray array)
        {
            foreach (var item in array)
            {
                list.Add(item?.DeepClone());
            }
        }
        else if (messages is not null)
        {
            list.Add(messages);
        }

        return list;
    }

    /// <summary>
    /// Rebuilds arrays that instrumentations flatten into attributes: <c>gen_ai.prompt.0.role</c>,
    /// <c>gen_ai.prompt.0.content</c> → <c>[{"role":…, "content":…}]</c>; OpenInference's <c>message.</c> level is
    /// dropped (<c>llm.input_messages.0.message.role</c> → <c>role</c>).
    /// </summary>
    private static JsonArray? Flattened(SpanAttributes a, string prefix)
    {
        var items = new SortedDictionary<int, JsonObject>();
        foreach (var (key, value) in a.WithPrefix(prefix))
        {
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || !int.TryParse(key.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                continue;
            }

            var field = key[(dot + 1)..];
            if (field.StartsWith("message.", StringComparison.Ordinal))
            {
                field = field["message.".Length..];
            }

            if (!items.TryGetValue(index, out var item))
            {
                items[index] = item = [];
            }

            item[field] = OtlpJsonValues.ParseStructured(value);
        }

        return items.Count > 0 ? new JsonArray([.. items.Values]) : null;
    }
}
