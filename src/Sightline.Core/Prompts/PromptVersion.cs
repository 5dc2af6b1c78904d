namespace Sightline.Prompts;

/// <summary>
/// One version of a named prompt. Versions of a name are numbered from 1; labels live in <see cref="PromptLabel"/>
/// (one version per label and name), tags in <see cref="PromptTag"/> (shared by all versions of a name).
/// </summary>
public sealed class PromptVersion
{
    public required string Id { get; set; }
    public required string ProjectId { get; set; }
    public required string Name { get; set; }
    public int Version { get; set; }
    /// <summary><c>text</c> or <c>chat</c>; every version of a name has the same type.</summary>
    public required string Type { get; set; }
    /// <summary>JSON as stored and returned unresolved: a string (text) or an array of messages (chat).</summary>
    public required string Prompt { get; set; }
    /// <summary>Any JSON value, <c>{}</c> when none was given.</summary>
    public required string Config { get; set; }
    public string? CommitMessage { get; set; }
    /// <summary><c>API</c> for versions created with a key, else the user id.</summary>
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
