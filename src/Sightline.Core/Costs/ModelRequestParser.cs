using System.Text.Json;
using Sightline.Ingestion;

namespace Sightline.Costs;

/// <summary>
/// Validates a model definition as Langfuse does: flat <c>inputPrice/outputPrice/totalPrice</c> (one default tier
/// "Standard") or <c>pricingTiers</c>, never both. Every message names the field at fault.
/// </summary>
internal static class ModelRequestParser
{
    public static readonly string[] Units = ["TOKENS", "CHARACTERS", "MILLISECONDS", "SECONDS", "REQUESTS", "IMAGES"];
    private static readonly string[] TokenizerIds = ["openai", "claude"];
    private static readonly string[] UsageOperators = ["gt", "gte", "lt", "lte", "eq", "neq"];
    private static readonly string[] AttributeOperators = ["in", "not_in"];
    private static readonly string[] AttributeSources = ["model_parameters", "metadata"];
    private const int MaxTextLength = 1000;
    private const int MaxTiers = 20;
    private const int MaxPricesPerTier = 100;

    /// <summary>Null when valid (then <paramref name="request"/> is set), else the message for a 400.</summary>
    public static string? Parse(JsonElement body, ModelPatterns patterns, Func<string> newTierId, out ModelRequest? request)
    {
        request = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            return "body: must be a JSON object";
        }

        if (RequiredText(body, "modelName", out var modelName) is { } nameError)
        {
            return nameError;
        }

        if (RequiredText(body, "matchPattern", out var matchPattern) is { } patternError)
        {
            return patternError;
        }

        if (patterns.Validate(matchPattern) is { } regexError)
        {
            return $"matchPattern: not a valid regular expression ({regexError})";
        }

        if (!body.TryGetProperty("unit", out var unitValue) || unitValue.ValueKind != JsonValueKind.String || !Units.Contains(unitValue.GetString(), StringComparer.Ordinal))
        {
            return $"unit: required, one of {string.Join(", ", Units)}";
        }

        DateTime? startDate = null;
        if (Present(body, "startDate", out var startValue))
        {
            if (startValue.ValueKind != JsonValueKind.String || !JsonFields.TryParseTime(startValue.GetString(), out var parsed))
            {
                return "startDate: must be an ISO 8601 date-time with a time zone (e.g. 2024-01-01T00:00:00.000Z)";
            }

            startDate = parsed;
        }

        string? tokenizerId = null;
        if (Present(body, "tokenizerId", out var tokenizerValue))
        {
            tokenizerId = tokenizerValue.ValueKind == JsonValueKind.String ? tokenizerValue.GetString() : null;
            if (tokenizerId is null || !TokenizerIds.Contains(tokenizerId, StringComparer.Ordinal))
            {
                return "tokenizerId: must be openai or claude";
            }
        }

        JsonElement? tokenizerConfig = null;
        if (Present(body, "tokenizerConfig", out var configValue))
        {
            if (configValue.ValueKind != JsonValueKind.Object)
            {
                return "tokenizerConfig: must be a JSON object";
            }

            tokenizerConfig = configValue.Clone();
        }

        var flat = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (field, key) in (ReadOnlySpan<(string, string)>)[("inputPrice", "input"), ("outputPrice", "output"), ("totalPrice", "total")])
        {
            if (Present(body, field, out var priceValue))
            {
                if (!TryPrice(priceValue, out var price))
                {
                    return $"{field}: must be a number greater than or equal to 0";
                }

                flat[key] = price;
            }
        }

        IReadOnlyList<PricingTier> tiers;
        if (Present(body, "pricingTiers", out var tiersValue))
        {
            if (flat.Count > 0)
            {
                return "pricingTiers: cannot be combined with inputPrice, outputPrice or totalPrice";
            }

            if (ParseTiers(tiersValue, patterns, newTierId, out var parsedTiers) is { } tierError)
            {
                return tierError;
            }

            tiers = parsedTiers;
        }
        else if (flat.ContainsKey("total") && (flat.ContainsKey("input") || flat.ContainsKey("output")))
        {
            return "totalPrice: cannot be combined with inputPrice or outputPrice";
        }
        else
        {
            tiers = flat.Count == 0 ? [] : [new PricingTier(newTierId(), "Standard", true, 0, [], flat)];
        }

        request = new ModelRequest(modelName, matchPattern, startDate, unitValue.GetString()!, tokenizerId, tokenizerConfig, tiers);
        return null;
    }

    private static string? ParseTiers(JsonElement value, ModelPatterns patterns, Func<string> newTierId, out List<PricingTier> tiers)
    {
        tiers = [];
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            return "pricingTiers: must be a non-empty array";
        }

        if (value.GetArrayLength() > MaxTiers)
        {
            return $"pricingTiers: at most {MaxTiers} tiers";
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (ParseTier(item, $"pricingTiers[{index}]", patterns, newTierId, out var tier) is { } error)
            {
                return error;
            }

            tiers.Add(tier!);
            index++;
        }

        var defaults = tiers.Where(t => t.IsDefault).ToList();
        if (defaults.Count != 1)
        {
            return "pricingTiers: exactly one tier must have isDefault true";
        }

        if (defaults[0].Priority != 0 || defaults[0].Conditions.Count > 0)
        {
            return "pricingTiers: the default tier must have priority 0 and no conditions";
        }

        if (tiers.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() != tiers.Count)
        {
            return "pricingTiers: tier names must be unique";
        }

        if (tiers.Select(t => t.Priority).Distinct().Count() != tiers.Count)
        {
            return "pricingTiers: tier priorities must be unique";
        }

        if (tiers.FirstOrDefault(t => !t.IsDefault && t.Conditions.Count == 0) is { } unconditional)
        {
            return $"pricingTiers: tier '{unconditional.Name}' is not the default and needs at least one condition";
        }

        return null;
    }

    private static string? ParseTier(JsonElement item, string path, ModelPatterns patterns, Func<string> newTierId, out PricingTier? tier)
    {
        tier = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            return $"{path}: must be an object";
        }

        if (RequiredText(item, "name", out var name, path + ".") is { } nameError)
        {
            return nameError;
        }

        if (!item.TryGetProperty("isDefault", out var isDefault) || isDefault.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return $"{path}.isDefault: required, true or false";
        }

        if (!item.TryGetProperty("priority", out var priorityValue) || !priorityValue.TryGetInt32(out var priority) || priority < 0)
        {
            return $"{path}.priority: required, an integer greater than or equal to 0";
        }

        var conditions = new List<PricingCondition>();
        if (Present(item, "conditions", out var conditionsValue))
        {
            if (conditionsValue.ValueKind != JsonValueKind.Array)
            {
                return $"{path}.conditions: must be an array";
            }

            var i = 0;
            foreach (var c in conditionsValue.EnumerateArray())
            {
                if (ParseCondition(c, $"{path}.conditions[{i}]", patterns, out var condition) is { } conditionError)
                {
                    return conditionError;
                }

                conditions.Add(condition!);
                i++;
            }
        }

        if (!item.TryGetProperty("prices", out var pricesValue) || pricesValue.ValueKind != JsonValueKind.Object)
        {
            return $"{path}.prices: required, an object of usage type to price";
        }

        var prices = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var property in pricesValue.EnumerateObject())
        {
            if (property.Name.Length is 0 or > MaxTextLength)
            {
                return $"{path}.prices: usage type names must have 1 to {MaxTextLength} characters";
            }

            if (!TryPrice(property.Value, out var price))
            {
                return $"{path}.prices.{property.Name}: must be a number greater than or equal to 0";
            }

            prices[property.Name] = price;
        }

        if (prices.Count == 0)
        {
            return $"{path}.prices: at least one price is required";
        }

        if (prices.Count > MaxPricesPerTier)
        {
            return $"{path}.prices: at most {MaxPricesPerTier} prices";
        }

        tier = new PricingTier(newTierId(), name, isDefault.GetBoolean(), priority, conditions, prices);
        return null;
    }

    private static string? ParseCondition(JsonElement item, string path, ModelPatterns patterns, out PricingCondition? condition)
    {
        condition = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            return $"{path}: must be an object";
        }

        var op = item.TryGetProperty("operator", out var opValue) && opValue.ValueKind == JsonValueKind.String ? opValue.GetString()! : null;
        if (Present(item, "usageDetailPattern", out var patternValue))
        {
            if (patternValue.ValueKind != JsonValueKind.String || patternValue.GetString() is not { Length: > 0 and <= MaxTextLength } pattern)
            {
                return $"{path}.usageDetailPattern: must be a non-empty string of at most {MaxTextLength} characters";
            }

            if (patterns.Validate(pattern) is { } regexError)
            {
                return $"{path}.usageDetailPattern: not a valid regular expression ({regexError})";
            }

            if (op is null || !UsageOperators.Contains(op, StringComparer.Ordinal))
            {
                return $"{path}.operator: required, one of {string.Join(", ", UsageOperators)}";
            }

            if (!item.TryGetProperty("value", out var valueElement) || valueElement.ValueKind != JsonValueKind.Number || !valueElement.TryGetDecimal(out var value))
            {
                return $"{path}.value: required, a number";
            }

            bool? caseSensitive = null;
            if (Present(item, "caseSensitive", out var caseValue))
            {
                if (caseValue.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return $"{path}.caseSensitive: must be true or false";
                }

                caseSensitive = caseValue.GetBoolean();
            }

            condition = new PricingCondition { UsageDetailPattern = pattern, Operator = op, Value = value, CaseSensitive = caseSensitive ?? false };
            return null;
        }

        if (!item.TryGetProperty("source", out var sourceValue) || sourceValue.ValueKind != JsonValueKind.String || !AttributeSources.Contains(sourceValue.GetString(), StringComparer.Ordinal))
        {
            return $"{path}: needs usageDetailPattern, or source ({string.Join(" or ", AttributeSources)}) with key and values";
        }

        if (RequiredText(item, "key", out var key, path + ".") is { } keyError)
        {
            return keyError;
        }

        if (op is null || !AttributeOperators.Contains(op, StringComparer.Ordinal))
        {
            return $"{path}.operator: required, one of {string.Join(", ", AttributeOperators)}";
        }

        if (!item.TryGetProperty("values", out var valuesElement) || valuesElement.ValueKind != JsonValueKind.Array
            || valuesElement.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            return $"{path}.values: required, an array of strings";
        }

        condition = new PricingCondition
        {
            Source = sourceValue.GetString(),
            Key = key,
            Operator = op,
            Values = [.. valuesElement.EnumerateArray().Select(v => v.GetString()!)],
        };
        return null;
    }

    private static string? RequiredText(JsonElement body, string field, out string text, string prefix = "")
    {
        text = string.Empty;
        if (!body.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            return $"{prefix}{field}: required, a non-empty string";
        }

        text = value.GetString()!;
        return text.Length > MaxTextLength ? $"{prefix}{field}: at most {MaxTextLength} characters" : null;
    }

    // Absent and null both mean "not given", as in Langfuse's schema (nullish).
    private static bool Present(JsonElement body, string field, out JsonElement value) =>
        body.TryGetProperty(field, out value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);

    private static bool TryPrice(JsonElement value, out decimal price)
    {
        price = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out price) && price >= 0;
    }
}
