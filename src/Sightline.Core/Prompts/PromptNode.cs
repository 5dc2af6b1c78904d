namespace Sightline.Prompts;

/// <summary>A stored prompt version as the resolver needs it.</summary>
internal sealed record PromptNode(string Id, string Name, int Version, IReadOnlyList<string> Labels, PromptContent Content)
{
    public string Type => Content.Type;
}
