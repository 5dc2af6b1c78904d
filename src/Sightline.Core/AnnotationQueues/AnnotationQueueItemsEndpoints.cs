using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Sightline.Api;
using Sightline.Auth;
using Sightline.Common;
using Sightline.Storage;

namespace Sightline.AnnotationQueues;

/// <summary>
/// <c>/api/public/annotation-queues/{queueId}/items</c>. As in Langfuse, an item only names its object: the object is
/// not looked up, so an item can be queued for a trace the ingestion pipeline has not stored yet.
/// </summary>
internal static class AnnotationQueueItemsEndpoints
{
    private const string ItemNotFound = "Annotation queue item not found";

    public static void MapAnnotationQueueItems(this RouteGroupBuilder queues)
    {
        queues.MapGet("/{queueId}/items", ListItemsAsync).WithSummary("The queue's items, newest first, optionally with one status (page-based).");
        queues.MapPost("/{queueId}/items", CreateItemAsync).WithSummary("Add a trace, observation or session to the queue (status PENDING unless given).");
        queues.MapGet("/{queueId}/items/{itemId}", GetItemAsync).WithSummary("One item of the queue.");
        queues.MapPatch("/{queueId}/items/{itemId}", UpdateItemAsync).WithSummary("Change an item's status; COMPLETED records the completion time.");
        queues.MapDelete("/{queueId}/items/{itemId}", DeleteItemAsync).WithSummary("Remove an item from the queue.");
    }

    private static async Task<Results<Ok<AnnotationQueueItemListResponse>, BadRequest<ApiError>, NotFound<ApiError>>> ListItemsAsync(
        string queueId, string? status, string? page, string? limit, CallerProject caller, SightlineDbContext db, CancellationToken ct)
    {
        var problem = QueryValues.First(
            QueryValues.OneOf(status, "status", AnnotationQueueRules.Statuses, out var wanted),
            QueryValues.Paging(page, limit, out var pageNumber, out var pageSize));
        if (problem is not null)
        {
            return ApiErrors.BadRequest(problem);
        }

        if (!await AnnotationQueuesEndpoints.QueueExistsAsync(db, caller.ProjectId, queueId, ct))
        {
            return ApiErrors.NotFound(AnnotationQueuesEndpoints.QueueNotFound);
        }

        var query = db.AnnotationQueueItems.AsNoTracking().Where(i => i.ProjectId == caller.ProjectId && i.QueueId == queueId);
        if (wanted is not null)
        {
            query = query.Where(i => i.Status == wanted);
        }

        var total = await query.CountAsync(ct);
        var skip = (int)Math.Min(int.MaxValue, (pageNumber - 1L) * pageSize);
        var rows = await query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Skip(skip).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new AnnotationQueueItemListResponse(rows.Select(ToDto).ToList(), PageMeta.Of(pageNumber, pageSize, total)));
    }

    private static async Task<Results<Ok<AnnotationQueueItemDto>, BadRequest<ApiError>, NotFound<ApiError>>> CreateItemAsync(
        string queueId, HttpRequest request, CallerProject caller, SightlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var (document, bodyProblem) = await JsonBody.ReadAsync(request, AnnotationQueuesEndpoints.MaxBodyBytes, ct);
        if (document is null)
        {
            return ApiErrors.BadRequest(bodyProblem!);
        }

        NewAnnotationQueueItem? item;
        using (document)
        {
            if (AnnotationQueueRequestParser.ParseItem(document.RootElement, out item) is { } problem)
            {
                return ApiErrors.BadRequest(problem);
            }
        }

        if (!await AnnotationQueuesEndpoints.QueueExistsAsync(db, caller.ProjectId, queueId, ct))
        {
            return ApiErrors.NotFound(AnnotationQueuesEndpoints.QueueNotFound);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var row = new AnnotationQueueItem
        {
            Id = Ids.New(time),
            ProjectId = caller.ProjectId,
            QueueId = queueId,
            ObjectId = item!.ObjectId,
            ObjectType = item.ObjectType,
            Status = item.Status,
            CompletedAt = item.Status == AnnotationQueueRules.Completed ? now : null,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.AnnotationQueueItems.Add(row);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(row));
    }

    private static async Task<Results<Ok<AnnotationQueueItemDto>, NotFound<ApiError>>> GetItemAsync(
        string queueId, string itemId, CallerProject caller, SightlineDbContext db, CancellationToken ct)
    {
        if (!await AnnotationQueuesEndpoints.QueueExistsAsync(db, caller.ProjectId, queueId, ct))
        {
            return ApiErrors.NotFound(AnnotationQueuesEndpoints.QueueNotFound);
        }

        var row = await FindAsync(db.AnnotationQueueItems.AsNoTracking(), caller.ProjectId, queueId, itemId, ct);
        return row is null ? ApiErrors.NotFound(ItemNotFound) : TypedResults.Ok(ToDto(row));
    }

    private static async Task<Results<Ok<AnnotationQueueItemDto>, BadRequest<ApiError>, NotFound<ApiError>>> UpdateItemAsync(
        string queueId, string itemId, HttpRequest request, CallerProject caller, SightlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var (document, bodyProblem) = await JsonBody.ReadAsync(request, AnnotationQueuesEndpoints.MaxBodyBytes, ct);
        if (document is null)
        {
            return ApiErrors.BadRequest(bodyProblem!);
        }

        string? status;
        using (document)
        {
            if (AnnotationQueueRequestParser.ParseUpdate(document.RootElement, out status) is { } problem)
            {
                return ApiErrors.BadRequest(problem);
            }
        }

        if (!await AnnotationQueuesEndpoints.QueueExistsAsync(db, caller.ProjectId, queueId, ct))
        {
            return ApiErrors.NotFound(AnnotationQueuesEndpoints.QueueNotFound);
        }

        var row = await FindAsync(db.AnnotationQueueItems, caller.ProjectId, queueId, itemId, ct);
        if (row is null)
        {
            return ApiErrors.NotFound(ItemNotFound);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (status is not null)
        {
            row.Status = status;
        }

        // Langfuse stamps completedAt on every update to COMPLETED and leaves it as it was otherwise.
        if (status == AnnotationQueueRules.Completed)
        {
            row.CompletedAt = now;
        }

        row.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(row));
    }

    private static async Task<Results<Ok<AnnotationQueueItemDeletionResponse>, NotFound<ApiError>>> DeleteItemAsync(
        string queueId, string itemId, CallerProject caller, SightlineDbContext db, CancellationToken ct)
    {
        if (!await AnnotationQueuesEndpoints.QueueExistsAsync(db, caller.ProjectId, queueId, ct))
        {
            return ApiErrors.NotFound(AnnotationQueuesEndpoints.QueueNotFound);
        }

        var deleted = await db.AnnotationQueueItems
            .Where(i => i.Id == itemId && i.QueueId == queueId && i.ProjectId == caller.ProjectId)
            .ExecuteDeleteAsync(ct);
        return deleted == 0
            ? ApiErrors.NotFound(ItemNotFound)
            : TypedResults.Ok(new AnnotationQueueItemDeletionResponse(true, "Annotation queue item deleted successfully"));
    }

    private static Task<AnnotationQueueItem?> FindAsync(IQueryable<AnnotationQueueItem> items, string projectId, string queueId, string itemId, CancellationToken ct) =>
        items.FirstOrDefaultAsync(i => i.Id == itemId && i.QueueId == queueId && i.ProjectId == projectId, ct);

    private static AnnotationQueueItemDto ToDto(AnnotationQueueItem i) =>
        new(i.Id, i.QueueId, i.ObjectId, i.ObjectType, i.Status, i.CompletedAt, i.CreatedAt, i.UpdatedAt);
}
