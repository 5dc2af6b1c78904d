namespace Sightline.Prompts;

/// <summary>What a prompt fetch asked for: a name with either a version or a label (never both).</summary>
internal readonly record struct PromptCacheKey(string ProjectId, string Name, int? Version, string? Label);
