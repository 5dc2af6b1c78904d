using System.Text.Json;

namespace Sightline.Ingestion;

/// <summary>
/// Turns the usage and cost shapes SDKs send (legacy <c>usage</c>, <c>usageDetails</c> as a map or as OpenAI Chat or
/// Responses usage, <c>costDetails</c>) into Langfuse's flat maps keyed by usage type.
/// </summary>
internal static class UsageParser
{
    /// <summary>Largest token count accepted for one usage type; far above any real call, well inside Int64.</summary>
    public const long MaxTokens = 1_000_000_000_000_000;

    /// <summary>
    /// Costs are stored as DECIMAL(18,12), six integer digits like Langfuse's Decimal64(12); one usage type's cost
    /// stays below a tenth of that so a total over several types still fits.
    /// </summary>
    public const decimal MaxCost = 100_000m;

    public static void ApplyUsage(Dictionary<string, long> usage, Dictionary<string, decimal> cost, JsonElement body)
    {
        if (JsonFields.TryGet(body, "usage", out var legacy) && legacy.ValueKind == JsonValueKind.Object)
        {
            AddCount(usage, "input", legacy, "input", "promptTokens");
            AddCount(usage, "output", legacy, "output", "completionTokens");
            AddCount(usage, "total", legacy, "total", "totalTokens");
            AddCost(cost, "input", legacy, "inputCost");
            AddCost(cost, "output", legacy, "outputCost");
            AddCost(cost, "total", legacy, "totalCost");
        }

        if (JsonFields.TryGet(body, "usageDetails", out var details) && details.ValueKind == JsonValueKind.Object)
        {
            if (details.TryGetProperty("prompt_tokens", out _) || details.TryGetProperty("completion_tokens", out _))
            {
                ApplyOpenAi(usage, details, "prompt_tokens", "completion_tokens", "prompt_tokens_details", "completion_tokens_details");
            }
            // Anthropic's raw usage also has input_tokens/output_tokens (with cache keys beside them) but no total_tokens.
            else if (details.TryGetProperty("input_tokens", out _) && details.TryGetProperty("output_tokens", out _) && details.TryGetProperty("total_tokens", out _))
            {
                ApplyOpenAi(usage, details, "input_tokens", "output_tokens", "input_tokens_details", "output_tokens_details");
            }
            else
            {
                foreach (var property in details.EnumerateObject())
                {
                    if (TryGetCount(property.Value, out var n))
                    {
                        usage[property.Name] = n;
                    }
                }
            }
        }

        if (JsonFields.TryGet(body, "costDetails", out var costDetails) && costDetails.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in costDetails.EnumerateObject())
            {
                if (TryGetCost(property.Value, out var n))
                {
                    cost[property.Name] = n;
                }
            }
        }
    }

    /// <summary>Adds <c>total</c> as the sum of the other entries when a non-empty map has none.</summary>
    public static void CompleteTotal<T>(Dictionary<string, T> map)
        where T : struct, System.Numerics.INumber<T>
    {
        if (map.Count > 0 && !map.ContainsKey("total"))
        {
            var sum = T.Zero;
            foreach (var value in map.Values)
            {
                sum += value;
            }

            map["total"] = sum;
        }
    }

    // OpenAI reports cached/audio/reasoning tokens inside the prompt/completion counts; Langfuse splits them out so
    // each token is priced once: input = prompt - Σ details, input_<detail> = detail.
    private static void ApplyOpenAi(Dictionary<string, long> usage, JsonElement details, string inputKey, string outputKey, string inputDetailsKey, string outputDetailsKey)
    {
        var input = Count(details, inputKey);
        var output = Count(details, outputKey);
        input -= Split(usage, details, inputDetailsKey, "input_");
        output -= Split(usage, details, outputDetailsKey, "output_");
        usage["input"] = Math.Max(0, input);
        usage["output"] = Math.Max(0, output);
        if (details.TryGetProperty("total_tokens", out var total) && TryGetCount(total, out var t))
        {
            usage["total"] = t;
        }
    }

    private static long Split(Dictionary<string, long> usage, JsonElement details, string key, string prefix)
    {
        long sum = 0;
        if (details.TryGetProperty(key, out var nested) && nested.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in nested.EnumerateObject())
            {
                if (TryGetCount(property.Value, out var n) && n > 0)
                {
                    usage[prefix + property.Name] = n;
                    sum += n;
                }
            }
        }

        return sum;
    }

    private static long Count(JsonElement details, string key) =>
        details.TryGetProperty(key, out var v) && TryGetCount(v, out var n) ? n : 0;

    private static void AddCount(Dictionary<string, long> usage, string key, JsonElement legacy, params string[] names)
    {
        foreach (var name in names)
        {
            if (legacy.TryGetProperty(name, out var v) && TryGetCount(v, out var n))
            {
                usage[key] = n;
                return;
            }
        }
    }

    private static void AddCost(Dictionary<string, decimal> cost, string key, JsonElement legacy, string name)
    {
        if (legacy.TryGetProperty(name, out var v) && TryGetCost(v, out var n))
        {
            cost[key] = n;
        }
    }

    /// <summary>A token count in range, rounded; false for anything else (the validator has reported it).</summary>
    public static bool TryGetCount(JsonElement value, out long count)
    {
        count = 0;
        if (!JsonFields.TryGetNumber(value, out var n) || n < 0 || n > MaxTokens)
        {
            return false;
        }

        count = (long)decimal.Round(n);
        return true;
    }

    public static bool TryGetCost(JsonElement value, out decimal cost) =>
        JsonFields.TryGetNumber(value, out cost) && cost >= 0 && cost < MaxCost;
}
