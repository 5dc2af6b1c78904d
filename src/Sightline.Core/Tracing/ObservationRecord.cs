using System.Collections.ObjectModel;

namespace Sightline.Tracing;

/// <summary>
/// One observation (span, generation, event, agent, tool, …) after merging its events. Mirrors Langfuse's
/// ClickHouse <c>observations</c> table.
/// </summary>
public sealed record ObservationRecord
{
    public required string ProjectId { get; init; }
    public required string Id { get; init; }
    public required string TraceId { get; init; }
    /// <summary>SPAN, GENERATION, EVENT, AGENT, TOOL, CHAIN, RETRIEVER, EVALUATOR, EMBEDDING or GUARDRAIL.</summary>
    public required string Type { get; init; }
    public string? ParentObservationId { get; init; }
    public required DateTime StartTime { get; init; }
    public DateTime? EndTime { get; init; }
    public DateTime? CompletionStartTime { get; init; }
    public string? Name { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = ReadOnlyDictionary<string, string>.Empty;
    /// <summary>DEBUG, DEFAULT, WARNING or ERROR.</summary>
    public string Level { get; init; } = "DEFAULT";
    public string? StatusMessage { get; init; }
    public string? Version { get; init; }
    public string? Input { get; init; }
    public string? Output { get; init; }
    /// <summary>The model name as the SDK sent it.</summary>
    public string? ProvidedModelName { get; init; }
    /// <summary>Id of the model (built-in or project) whose prices were applied.</summary>
    public string? InternalModelId { get; init; }
    /// <summary>Raw JSON object text of the model parameters.</summary>
    public string? ModelParameters { get; init; }
    public IReadOnlyDictionary<string, long> ProvidedUsageDetails { get; init; } = ReadOnlyDictionary<string, long>.Empty;
    public IReadOnlyDictionary<string, long> UsageDetails { get; init; } = ReadOnlyDictionary<string, long>.Empty;
    public IReadOnlyDictionary<string, decimal> ProvidedCostDetails { get; init; } = ReadOnlyDictionary<string, decimal>.Empty;
    public IReadOnlyDictionary<string, decimal> CostDetails { get; init; } = ReadOnlyDictionary<string, decimal>.Empty;
    public decimal? TotalCost { get; init; }
    public string? UsagePricingTierId { get; init; }
    public string? UsagePricingTierName { get; init; }
    public string? PromptId { get; init; }
    public string? PromptName { get; init; }
    public int? PromptVersion { get; init; }
    public required string Environment { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
}
