using Sightline.Api;

namespace Sightline.AnnotationQueues;

/// <summary>Langfuse's <c>AnnotationQueue</c>.</summary>
internal sealed record AnnotationQueueDto(
    string Id,
    string Name,
    string? Description,
    IReadOnlyList<string> ScoreConfigIds,
    DateTime CreatedAt,
    DateTime UpdatedAt);

/// <summary>Langfuse's <c>AnnotationQueueItem</c>; <c>completedAt</c> is null until the item is completed.</summary>
internal sealed record AnnotationQueueItemDto(
    string Id,
    string QueueId,
    string ObjectId,
    string ObjectType,
    string Status,
    DateTime? CompletedAt,
    DateTime CreatedAt,
    DateTime UpdatedAt);

internal sealed record AnnotationQueueListResponse(IReadOnlyList<AnnotationQueueDto> Data, PageMeta Meta);

internal sealed record AnnotationQueueItemListResponse(IReadOnlyList<AnnotationQueueItemDto> Data, PageMeta Meta);

internal sealed record AnnotationQueueItemDeletionResponse(bool Success, string Message);

internal sealed record AnnotationQueueAssignmentDto(string UserId, string ProjectId, string QueueId);

internal sealed record AnnotationQueueAssignmentDeletionResponse(bool Success);
