using System.Globalization;
using System.Text.Json;

namespace Sightline.Costs;

/// <summary>Langfuse's pricing rules: which tier applies to an observation, and what its usage costs in it.</summary>
internal sealed class CostCalculator(ModelPatterns patterns)
{
    /// <summary>
    /// The first non-default tier (ascending priority) whose conditions all hold, else the default tier; none when
    /// there is no usage to price.
    /// </summary>
    public PricingTier? SelectTier(
        PricedModel model,
        IReadOnlyDictionary<string, long> usage,
        string? modelParameters,
        IReadOnlyDictionary<string, string> metadata)
    {
        if (usage.Count == 0)
        {
            return null;
        }

        var parameters = new Lazy<JsonElement?>(() => ParseObject(modelParameters));
        foreach (var tier in model.PricingTiers.Where(t => !t.IsDefault).OrderBy(t => t.Priority))
        {
            if (tier.Conditions.All(c => Holds(c, usage, parameters, metadata)))
            {
                return tier;
            }
        }

        return model.DefaultTier;
    }

    /// <summary>
    /// <c>cost[k] = usage[k] × price[k]</c> for every priced usage type; the total is the priced <c>total</c> if
    /// there is one, else the sum of the costs (then also stored as <c>total</c>).
    /// </summary>
    public static PricedCost Compute(PricingTier tier, IReadOnlyDictionary<string, long> usage)
    {
        var costs = new Dictionary<string, decimal>(StringComparer.Ordinal);
        try
        {
            foreach (var (key, units) in usage)
            {
                if (tier.Prices.TryGetValue(key, out var price))
                {
                    costs[key] = units * price;
                }
            }

            if (costs.Count == 0)
            {
                return PricedCost.None;
            }

            if (!costs.TryGetValue("total", out var total))
            {
                total = costs.Values.Sum();
                costs["total"] = total;
            }

            return new PricedCost(costs, total);
        }
        catch (OverflowException)
        {
            // Only absurd prices or counts get here; no cost beats a wrong one.
            return PricedCost.None;
        }
    }

    private bool Holds(PricingCondition condition, IReadOnlyDictionary<string, long> usage, Lazy<JsonElement?> parameters, IReadOnlyDictionary<string, string> metadata)
    {
        if (condition.UsageDetailPattern is { } pattern)
        {
            var ignoreCase = condition.CaseSensitive != true;
            decimal sum = 0;
            foreach (var (key, units) in usage)
            {
                if (patterns.IsMatch(pattern, key, ignoreCase))
                {
                    sum += units;
                }
            }

            var value = condition.Value ?? 0;
            return condition.Operator switch
            {
                "gt" => sum > value,
                "gte" => sum >= value,
                "lt" => sum < value,
                "lte" => sum <= value,
                "eq" => sum == value,
                "neq" => sum != value,
                _ => false,
            };
        }

        var actual = condition.Source switch
        {
            "model_parameters" when condition.Key is { } key && parameters.Value is { } p && p.TryGetProperty(key, out var v) => AsText(v),
            "metadata" when condition.Key is { } key => metadata.GetValueOrDefault(key),
            _ => null,
        };
        var listed = actual is not null && condition.Values is { } values && values.Contains(actual, StringComparer.Ordinal);
        return condition.Operator switch
        {
            "in" => listed,
            "not_in" => !listed,
            _ => false,
        };
    }

    private static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Number => value.TryGetDecimal(out var d) ? d.ToString(CultureInfo.InvariantCulture) : value.GetRawText(),
        _ => value.GetRawText(),
    };

    private static JsonElement? ParseObject(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
