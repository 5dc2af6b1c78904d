using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sightline.Costs;

/// <summary>A model ready for matching and pricing: a built-in one (no project) or one a project defined.</summary>
internal sealed record PricedModel
{
    public required string Id { get; init; }
    public string? ProjectId { get; init; }
    public required string ModelName { get; init; }
    public required string MatchPattern { get; init; }
    public DateTime? StartDate { get; init; }
    public string? Unit { get; init; }
    public string? TokenizerId { get; init; }
    public JsonElement? TokenizerConfig { get; init; }
    public IReadOnlyList<PricingTier> PricingTiers { get; init; } = [];
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    [JsonIgnore]
    public bool IsBuiltIn => ProjectId is null;

    [JsonIgnore]
    public PricingTier? DefaultTier => PricingTiers.FirstOrDefault(t => t.IsDefault);
}
