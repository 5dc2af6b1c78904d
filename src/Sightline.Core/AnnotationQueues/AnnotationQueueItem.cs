namespace Sightline.AnnotationQueues;

/// <summary>One object waiting in (or done with) an annotation queue.</summary>
public sealed class AnnotationQueueItem
{
    public required string Id { get; set; }
    public required string ProjectId { get; set; }
    public required string QueueId { get; set; }
    public required string ObjectId { get; set; }
    /// <summary>TRACE, OBSERVATION or SESSION.</summary>
    public required string ObjectType { get; set; }
    /// <summary>PENDING or COMPLETED.</summary>
    public required string Status { get; set; }
    /// <summary>When the item was last marked COMPLETED; kept when it goes back to PENDING, as in Langfuse.</summary>
    public DateTime? CompletedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
