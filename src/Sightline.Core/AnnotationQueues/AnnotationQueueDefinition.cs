namespace Sightline.AnnotationQueues;

/// <summary>A project's queue of traces, observations and sessions waiting for people to score them.</summary>
public sealed class AnnotationQueueDefinition
{
    public required string Id { get; set; }
    public required string ProjectId { get; set; }
    /// <summary>Unique within the project.</summary>
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>JSON array of the score config ids an annotator fills in for each item, stored as text.</summary>
    public required string ScoreConfigIds { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
