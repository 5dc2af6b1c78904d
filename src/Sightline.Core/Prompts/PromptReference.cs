namespace Sightline.Prompts;

/// <summary>A reference to another prompt inside a prompt's text: by exact version, or by label.</summary>
internal sealed record PromptReference(string Name, int? Version, string? Label)
{
    /// <summary>How Langfuse names a reference in its dependency errors, e.g. <c>base - version 2</c>.</summary>
    public override string ToString() => Version is { } v ? $"{Name} - version {v}" : $"{Name} - label {Label}";
}
