using System.Text.Json.Serialization;

namespace Sightline.Costs;

/// <summary>
/// One condition of a non-default pricing tier. A usage condition sums the usage values whose key matches
/// <see cref="UsageDetailPattern"/> and compares the sum to <see cref="Value"/>; an attribute condition checks that
/// a top-level model parameter or metadata value (<see cref="Source"/>, <see cref="Key"/>) is one of <see cref="Values"/>.
/// </summary>
internal sealed record PricingCondition
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UsageDetailPattern { get; init; }

    /// <summary>gt, gte, lt, lte, eq, neq (usage) or in, not_in (attribute).</summary>
    public required string Operator { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Value { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? CaseSensitive { get; init; }

    /// <summary>model_parameters or metadata.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Source { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Values { get; init; }

    [JsonIgnore]
    public bool IsUsageCondition => UsageDetailPattern is not null;
}
