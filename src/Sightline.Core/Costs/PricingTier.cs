namespace Sightline.Costs;

/// <summary>Prices in USD per unit, keyed by usage type (<c>input</c>, <c>output</c>, <c>input_cached_tokens</c>, …).</summary>
internal sealed record PricingTier(
    string Id,
    string Name,
    bool IsDefault,
    int Priority,
    IReadOnlyList<PricingCondition> Conditions,
    IReadOnlyDictionary<string, decimal> Prices);
