namespace Sightline.Prompts;

/// <summary>The version a create or relabel left behind, or why it was refused.</summary>
internal sealed record PromptWriteResult(PromptVersionDto? Prompt, PromptProblem? Problem);
