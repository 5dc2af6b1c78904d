namespace Sightline.AnnotationQueues;

/// <summary>A validated <c>POST /api/public/annotation-queues/{queueId}/items</c> body; status defaults to PENDING.</summary>
internal sealed record NewAnnotationQueueItem(string ObjectId, string ObjectType, string Status);
