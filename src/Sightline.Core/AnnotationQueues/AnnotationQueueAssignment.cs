namespace Sightline.AnnotationQueues;

/// <summary>A user assigned to work through an annotation queue; one row per project, queue and user.</summary>
public sealed class AnnotationQueueAssignment
{
    public required string Id { get; set; }
    public required string ProjectId { get; set; }
    public required string QueueId { get; set; }
    public required string UserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
