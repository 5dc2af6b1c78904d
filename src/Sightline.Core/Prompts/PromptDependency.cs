namespace Sightline.Prompts;

/// <summary>
/// A reference from a prompt version's content to another prompt (<c>@@@langfusePrompt:name=…|version=…@@@</c> or
/// <c>|label=…@@@</c>), kept so deletes can refuse to break the prompts that depend on what would vanish.
/// </summary>
public sealed class PromptDependency
{
    public required string Id { get; set; }
    public required string ProjectId { get; set; }
    public required string ParentId { get; set; }
    public required string ChildName { get; set; }
    public int? ChildVersion { get; set; }
    public string? ChildLabel { get; set; }
}
