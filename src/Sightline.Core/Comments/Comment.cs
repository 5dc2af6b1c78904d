namespace Sightline.Comments;

/// <summary>A comment on a trace, observation, session or prompt of a project.</summary>
public sealed class Comment
{
    public required string Id { get; set; }
    public required string ProjectId { get; set; }
    /// <summary>TRACE, OBSERVATION, SESSION or PROMPT.</summary>
    public required string ObjectType { get; set; }
    public required string ObjectId { get; set; }
    public required string Content { get; set; }
    /// <summary>A member of the project's organization, or null for comments made with an API key alone.</summary>
    public string? AuthorUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
