using System.Text.Json;
using Sightline.Common;

namespace Sightline.Costs;

internal static class ModelMapping
{
    public static PricedModel ToPricedModel(ModelDefinition row) => new()
    {
        Id = row.Id,
        ProjectId = row.ProjectId,
        ModelName = row.ModelName,
        MatchPattern = row.MatchPattern,
        StartDate = row.StartDate,
        Unit = row.Unit,
        TokenizerId = row.TokenizerId,
        TokenizerConfig = string.IsNullOrEmpty(row.TokenizerConfig) ? null : JsonText.ToElement(row.TokenizerConfig),
        PricingTiers = JsonSerializer.Deserialize(row.PricingTiers, CostsJson.Default.ListPricingTier) ?? [],
        CreatedAt = row.CreatedAt,
        UpdatedAt = row.UpdatedAt,
    };

    public static string TiersToText(IReadOnlyList<PricingTier> tiers) =>
        JsonSerializer.Serialize(tiers.ToList(), CostsJson.Default.ListPricingTier);

    /// <summary>Langfuse's order among candidates of one kind: start date descending with none last; newest first on ties.</summary>
    public static List<PricedModel> InMatchOrder(IEnumerable<PricedModel> models) =>
        [.. models
            .OrderBy(m => m.StartDate is null)
            .ThenByDescending(m => m.StartDate)
            .ThenByDescending(m => m.CreatedAt)
            .ThenBy(m => m.Id, StringComparer.Ordinal)];
}
