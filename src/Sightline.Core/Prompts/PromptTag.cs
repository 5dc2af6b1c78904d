namespace Sightline.Prompts;

/// <summary>A tag of a prompt name; Langfuse keeps tags equal on every version, so they are stored once per name.</summary>
public sealed class PromptTag
{
    public required string ProjectId { get; set; }
    public required string PromptName { get; set; }
    public required string Tag { get; set; }
    public int Position { get; set; }
}
