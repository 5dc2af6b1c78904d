namespace Sightline.Prompts;

/// <summary>A prompt's content with every reference replaced, and the graph of what was pulled in (null when nothing).</summary>
internal sealed record ResolvedPrompt(PromptContent Content, PromptGraphDto? Graph);
