using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sightline.Api;
using Sightline.Auth;
using Sightline.Common;
using Sightline.Storage;

namespace Sightline.AnnotationQueues;

/// <summary>
/// <c>/api/public/annotation-queues</c>: the project's annotation queues, their items and the users assigned to
/// them. Items and assignments are mapped by <see cref="AnnotationQueueItemsEndpoints"/> and
/// <see cref="AnnotationQueueAssignmentsEndpoints"/>.
/// </summary>
public static class AnnotationQueuesEndpoints
{
    internal const int MaxBodyBytes = 64 * 1024;
    internal const string QueueNotFound = "Annotation queue not found";

    public static IEndpointRouteBuilder MapAnnotationQueues(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/annotation-queues").WithTags("Annotation queues").RequireAuthorization(Policies.ProjectKey);
        group.MapGet("/", ListQueuesAsync).WithSummary("The project's annotation queues, newest first (page-based).");
        group.MapPost("/", CreateQueueAsync).WithSummary("Create an annotation queue with the score configs its annotators fill in.");
        group.MapGet("/{queueId}", GetQueueAsync).WithSummary("One annotation queue.");
        group.MapAnnotationQueueItems();
        group.MapAnnotationQueueAssignments();
        return app;
    }

    internal static Task<bool> QueueExistsAsync(SightlineDbContext db, string projectId, string queueId, CancellationToken ct) =>
        db.AnnotationQueues.AnyAsync(q => q.Id == queueId && q.ProjectId == projectId, ct);

    private static async Task<Results<Ok<AnnotationQueueListResponse>, BadRequest<ApiError>>> ListQueuesAsync(
        string? page, string? limit, CallerProject caller, SightlineDbContext db, CancellationToken ct)
    {
        if (QueryValues.Paging(page, limit, out var pageNumber, out var pageSize) is { } problem)
        {
            return ApiErrors.BadRequest(problem);
        }

        var query = db.AnnotationQueues.AsNoTracking().Where(q => q.ProjectId == caller.ProjectId);
        var total = await query.CountAsync(ct);
        var skip = (int)Math.Min(int.MaxValue, (pageNumber - 1L) * pageSize);
        var rows = await query.OrderByDescending(q => q.CreatedAt).ThenByDescending(q => q.Id).Skip(skip).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new AnnotationQueueListResponse(rows.Select(ToDto).ToList(), PageMeta.Of(pageNumber, pageSize, total)));
    }

    private static async Task<Results<Ok<AnnotationQueueDto>, BadRequest<ApiError>>> CreateQueueAsync(
        HttpRequest request, CallerProject caller, SightlineDbContext db, TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var (document, bodyProblem) = await JsonBody.ReadAsync(request, MaxBodyBytes, ct);
        if (document is null)
        {
            return ApiErrors.BadRequest(bodyProblem!);
        }

        NewAnnotationQueue? queue;
        using (document)
        {
            if (AnnotationQueueRequestParser.ParseQueue(document.RootElement, out queue) is { } problem)
            {
                return ApiErrors.BadRequest(problem);
            }
        }

        const string duplicate = "A queue with this name already exists.";
        if (await db.AnnotationQueues.AnyAsync(q => q.ProjectId == caller.ProjectId && q.Name == queue!.Name, ct))
        {
            return ApiErrors.BadRequest(duplicate);
        }

        // Every listed config must be one of this project's score configs (archived ones included, as Langfuse does).
        var wanted = queue!.ScoreConfigIds.Distinct(StringComparer.Ordinal).ToList();
        var known = await db.ScoreConfigs.AsNoTracking()
            .CountAsync(c => c.ProjectId == caller.ProjectId && wanted.Contains(c.Id), ct);
        if (known != wanted.Count)
        {
            return ApiErrors.BadRequest("At least one of the score config IDs cannot be found for the given project.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var row = new AnnotationQueueDefinition
        {
            Id = Ids.New(time),
            ProjectId = caller.ProjectId,
            Name = queue!.Name,
            Description = queue.Description,
            ScoreConfigIds = JsonSerializer.Serialize(queue.ScoreConfigIds.ToList(), SightlineJson.Default.ListString),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.AnnotationQueues.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent create may have taken the name between the check and the insert (the unique index refused this one).
            if (await db.AnnotationQueues.AsNoTracking().AnyAsync(q => q.ProjectId == caller.ProjectId && q.Name == row.Name, ct))
            {
                return ApiErrors.BadRequest(duplicate);
            }

            throw;
        }

        loggers.CreateLogger(typeof(AnnotationQueuesEndpoints)).QueueCreated(caller.ProjectId, row.Id, queue.ScoreConfigIds.Count);
        return TypedResults.Ok(ToDto(row));
    }

    private static async Task<Results<Ok<AnnotationQueueDto>, NotFound<ApiError>>> GetQueueAsync(
        string queueId, CallerProject caller, SightlineDbContext db, CancellationToken ct)
    {
        var row = await db.AnnotationQueues.AsNoTracking().FirstOrDefaultAsync(q => q.Id == queueId && q.ProjectId == caller.ProjectId, ct);
        return row is null ? ApiErrors.NotFound(QueueNotFound) : TypedResults.Ok(ToDto(row));
    }

    private static AnnotationQueueDto ToDto(AnnotationQueueDefinition q) =>
        new(q.Id, q.Name, q.Description, JsonSerializer.Deserialize(q.ScoreConfigIds, SightlineJson.Default.ListString) ?? [], q.CreatedAt, q.UpdatedAt);
}
