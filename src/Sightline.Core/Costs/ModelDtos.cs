using System.Text.Json;

namespace Sightline.Costs;

/// <summary>Langfuse's model object; the flat prices and <c>prices</c> come from the default tier.</summary>
internal sealed record ModelDto(
    string Id,
    string ModelName,
    string MatchPattern,
    DateTime? StartDate,
    string? Unit,
    decimal? InputPrice,
    decimal? OutputPrice,
    decimal? TotalPrice,
    string? TokenizerId,
    JsonElement? TokenizerConfig,
    bool IsLangfuseManaged,
    DateTime CreatedAt,
    IReadOnlyDictionary<string, ModelPriceDto> Prices,
    IReadOnlyList<PricingTier> PricingTiers);

internal sealed record ModelPriceDto(decimal Price);

internal sealed record ModelListResponse(IReadOnlyList<ModelDto> Data, ModelPageMeta Meta);

internal sealed record ModelPageMeta(int Page, int Limit, int TotalItems, int TotalPages);

internal sealed record ModelDeletionResponse(string Message);
