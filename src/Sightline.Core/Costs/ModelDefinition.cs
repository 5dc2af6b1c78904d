namespace Sightline.Costs;

/// <summary>A model a project defined through <c>POST /api/public/models</c>; built-in models are not stored.</summary>
public sealed class ModelDefinition
{
    public required string Id { get; set; }
    public required string ProjectId { get; set; }
    public required string ModelName { get; set; }
    /// <summary>Regular expression the observation's model name must match, e.g. <c>(?i)^(openai/)?(gpt-4o)$</c>.</summary>
    public required string MatchPattern { get; set; }
    public DateTime? StartDate { get; set; }
    /// <summary>TOKENS, CHARACTERS, MILLISECONDS, SECONDS, REQUESTS or IMAGES.</summary>
    public string? Unit { get; set; }
    public string? TokenizerId { get; set; }
    /// <summary>JSON object, stored as text.</summary>
    public string? TokenizerConfig { get; set; }
    /// <summary>JSON array of pricing tiers (names, priorities, conditions, prices per usage type), stored as text.</summary>
    public required string PricingTiers { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
