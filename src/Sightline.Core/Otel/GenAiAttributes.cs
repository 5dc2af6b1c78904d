using System.Globalization;
using System.Text.Json.Nodes;
using Sightline.Ingestion;

namespace Sightline.Otel;

/// <summary>
/// Name, model, parameters, usage, cost and completion start from Langfuse's attributes or, failing those, from
/// the GenAI conventions other instrumentations use (spec §5.6): OpenTelemetry <c>gen_ai.*</c>, OpenInference
/// <c>llm.*</c>, Vercel AI <c>ai.*</c>, Genkit and Logfire names.
/// </summary>
internal static class GenAiAttributes
{
    private static readonly string[] ModelKeys =
        ["langfuse.observation.model.name", "gen_ai.response.model", "ai.model.id", "gen_ai.request.model", "llm.response.model", "llm.model_name", "model"];

    public static string Name(SpanAttributes a, string spanName)
    {
        if (a.FirstString("gen_ai.tool.name", "genkit:name", "logfire.msg", "ai.toolCall.name") is { } name)
        {
            return name;
        }

        return a.String("ai.telemetry.functionId") is { } function && a.String("ai.operationId") is { } operation
            ? $"{function}:{operation}"
            : spanName;
    }

    /// <summary>Vercel AI's agent spans repeat their steps' model and usage; counting them again would double cost.</summary>
    public static bool IsVercelAgentSpan(SpanAttributes a) =>
        a.Has("ai.operationId") && a.String("gen_ai.operation.name") is "invoke_agent" or "agent_step";

    public static string? Model(SpanAttributes a) => a.FirstString(ModelKeys);

    public static JsonObject? ModelParameters(SpanAttributes a)
    {
        foreach (var key in (string[])["langfuse.observation.model.parameters", "llm.invocation_parameters", "model_config"])
        {
            if (OtlpJsonValues.ParseObject(a.Get(key)) is { } explicitParameters)
            {
                return explicitParameters;
            }
        }

        var parameters = new JsonObject();
        foreach (var (key, value) in a.WithPrefix("gen_ai.request.").Concat(a.WithPrefix("llm.invocation_parameters.")))
        {
            if (key != "model")
            {
                parameters[key] = OtlpJsonValues.ToNode(value);
            }
        }

        return parameters.Count > 0 ? parameters : null;
    }

    public static JsonObject? Usage(SpanAttributes a)
    {
        if (OtlpJsonValues.ParseObject(a.Get("langfuse.observation.usage_details")) is { } explicitUsage)
        {
            // OpenAI shapes are converted by the merge, like batch-ingested usageDetails.
            return explicitUsage;
        }

        return VercelUsage(a) ?? GenericUsage(a);
    }

    public static JsonObject? Cost(SpanAttributes a)
    {
        if (OtlpJsonValues.ParseObject(a.Get("langfuse.observation.cost_details")) is { } explicitCost)
        {
            return explicitCost;
        }

        return (a.Number("gen_ai.usage.cost") ?? a.Number("llm.cost.total")) is { } total and >= 0
            ? new JsonObject { ["total"] = total }
            : null;
    }

    public static DateTime? CompletionStart(SpanAttributes a, DateTime start)
    {
        if (a.String("langfuse.observation.completion_start_time") is { } text)
        {
            // The Python SDK JSON-encodes the ISO string, quotes included.
            if (text.StartsWith('"') && OtlpJsonValues.TryParse(text) is JsonValue quoted && quoted.TryGetValue<string>(out var unquoted))
            {
                text = unquoted;
            }

            if (JsonFields.TryParseTime(text, out var parsed))
            {
                return parsed;
            }

            // Zone-less ISO strings are UTC in both SDKs.
            if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
            {
                return OtelTime.TruncateToMilliseconds(utc);
            }
        }

        return (a.Number("ai.response.msToFirstChunk") ?? a.Number("ai.stream.msToFirstChunk")) is { } ms and >= 0 and < 1e12
            ? OtelTime.TruncateToMilliseconds(start.AddMilliseconds(ms))
            : null;
    }

    private static JsonObject? VercelUsage(SpanAttributes a)
    {
        var usage = new JsonObject();
        Put(usage, "input", Count(a, "ai.usage.inputTokens") ?? Count(a, "ai.usage.promptTokens"));
        Put(usage, "output", Count(a, "ai.usage.outputTokens") ?? Count(a, "ai.usage.completionTokens"));
        Put(usage, "total", Count(a, "ai.usage.totalTokens"));
        Put(usage, "input_cached_tokens", Count(a, "ai.usage.cachedInputTokens"));
        Put(usage, "output_reasoning_tokens", Count(a, "ai.usage.reasoningTokens"));
        return usage.Count > 0 ? usage : null;
    }

    /// <summary>
    /// <c>gen_ai.usage.*</c> and <c>llm.token_count.*</c>: input and output exclude their cached, cache-creation,
    /// reasoning and audio parts, which are reported under Langfuse's own usage names; other counts are kept.
    /// </summary>
    private static JsonObject? GenericUsage(SpanAttributes a)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, _) in a.WithPrefix("gen_ai.usage.").Where(p => p.Key != "cost"))
        {
            if (Count(a, "gen_ai.usage." + key) is { } n)
            {
                counts[key] = n;
            }
        }

        foreach (var (key, _) in a.WithPrefix("llm.token_count."))
        {
            if (Count(a, "llm.token_count." + key) is { } n)
            {
                counts.TryAdd(key, n);
            }
        }

        if (counts.Count == 0)
        {
            return null;
        }

        var prompt = Take(counts, "prompt_tokens", "input_tokens", "prompt");
        var completion = Take(counts, "completion_tokens", "output_tokens", "completion");
        var total = Take(counts, "total_tokens", "total");
        // The dotted names are the OpenTelemetry GenAI conventions (Microsoft.Extensions.AI emits them); like the
        // others they are parts of the input or output count, not additions to it.
        var cacheRead = Take(counts, "cache_read.input_tokens", "cache_read_input_tokens", "prompt_details.cache_read", "input_tokens_details.cached_tokens");
        var cacheCreation = Take(counts, "cache_creation.input_tokens", "cache_creation_input_tokens", "prompt_details.cache_write");
        var reasoning = Take(counts, "reasoning.output_tokens", "reasoning_tokens", "completion_details.reasoning", "output_tokens_details.reasoning_tokens");
        var audio = Take(counts, "output_audio_tokens", "audio_tokens", "completion_details.audio");

        var usage = new JsonObject();
        Put(usage, "input", prompt is { } p ? Math.Max(0, p - (cacheRead ?? 0) - (cacheCreation ?? 0)) : null);
        Put(usage, "output", completion is { } c ? Math.Max(0, c - (reasoning ?? 0) - (audio ?? 0)) : null);
        Put(usage, "total", total);
        Put(usage, "input_cached_tokens", cacheRead);
        Put(usage, "input_cache_creation", cacheCreation);
        Put(usage, "output_reasoning_tokens", reasoning);
        Put(usage, "output_audio_tokens", audio);
        foreach (var (key, value) in counts)
        {
            usage[key] = value;
        }

        return usage.Count > 0 ? usage : null;
    }

    private static long? Take(Dictionary<string, long> counts, params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            if (counts.Remove(key, out var value))
            {
                return value;
            }
        }

        return null;
    }

    private static long? Count(SpanAttributes a, string key) =>
        a.Number(key) is { } n and >= 0 and < 9e18 ? (long)Math.Round(n) : null;

    private static void Put(JsonObject target, string key, long? value)
    {
        if (value is { } v)
        {
            target[key] = v;
        }
    }
}
