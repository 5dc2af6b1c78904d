using System.Text.Json;

namespace Sightline.Costs;

/// <summary>A validated <c>POST /api/public/models</c> body.</summary>
internal sealed record ModelRequest(
    string ModelName,
    string MatchPattern,
    DateTime? StartDate,
    string Unit,
    string? TokenizerId,
    JsonElement? TokenizerConfig,
    IReadOnlyList<PricingTier> PricingTiers);
