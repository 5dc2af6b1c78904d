namespace Sightline.Prompts;

/// <summary>
/// A label on a prompt version. The key (project, prompt name, label) is what keeps a label on a single version
/// of a name: moving it deletes the row and inserts one for the new version in the same transaction.
/// </summary>
public sealed class PromptLabel
{
    public required string ProjectId { get; set; }
    public required string PromptName { get; set; }
    public required string Label { get; set; }
    public required string PromptId { get; set; }
    /// <summary>Order of the label within its version's label list, as Langfuse returns it.</summary>
    public int Position { get; set; }
}
