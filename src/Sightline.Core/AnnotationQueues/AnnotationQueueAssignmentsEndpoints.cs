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

/// <summary><c>/api/public/annotation-queues/{queueId}/assignments</c>: both calls are idempotent, as in Langfuse.</summary>
internal static class AnnotationQueueAssignmentsEndpoints
{
    public static void MapAnnotationQueueAssignments(this RouteGroupBuilder queues)
    {
        queues.MapPost("/{queueId}/assignments", AssignAsync).WithSummary("Assign a member of the project's organization to the queue.");
        queues.MapDelete("/{queueId}/assignments", UnassignAsync).WithSummary("Remove a user's assignment to the queue (success also when there was none).");
    }

    private static async Task<Results<Ok<AnnotationQueueAssignmentDto>, BadRequest<ApiError>, NotFound<ApiError>>> AssignAsync(
        string queueId, HttpRequest request, CallerProject caller, SightlineDbContext db, TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var (userId, problem) = await ReadUserIdAsync(request, ct);
        if (problem is not null)
        {
            return ApiErrors.BadRequest(problem);
        }

        if (!await AnnotationQueuesEndpoints.QueueExistsAsync(db, caller.ProjectId, queueId, ct))
        {
            return ApiErrors.NotFound(AnnotationQueuesEndpoints.QueueNotFound);
        }

        // Every member of the project's organization can work on its projects (Sightline has no role without access).
        if (!await db.OrganizationMemberships.AnyAsync(m => m.OrganizationId == caller.OrganizationId && m.UserId == userId, ct))
        {
            return ApiErrors.NotFound("User not found or not authorized for this project");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var assignment = new AnnotationQueueAssignment
        {
            Id = Ids.New(time),
            ProjectId = caller.ProjectId,
            QueueId = queueId,
            UserId = userId!,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (!await AssignedAsync(db, assignment, ct))
        {
            db.AnnotationQueueAssignments.Add(assignment);
            try
            {
                await db.SaveChangesAsync(ct);
                loggers.CreateLogger(typeof(AnnotationQueueAssignmentsEndpoints)).UserAssigned(caller.ProjectId, queueId);
            }
            catch (DbUpdateException)
            {
                // A concurrent request may have made the same assignment first: then the outcome is the one asked for.
                if (!await AssignedAsync(db, assignment, ct))
                {
                    throw;
                }
            }
        }

        return TypedResults.Ok(new AnnotationQueueAssignmentDto(userId!, caller.ProjectId, queueId));
    }

    private static async Task<Results<Ok<AnnotationQueueAssignmentDeletionResponse>, BadRequest<ApiError>, NotFound<ApiError>>> UnassignAsync(
        string queueId, HttpRequest request, CallerProject caller, SightlineDbContext db, CancellationToken ct)
    {
        var (userId, problem) = await ReadUserIdAsync(request, ct);
        if (problem is not null)
        {
            return ApiErrors.BadRequest(problem);
        }

        if (!await AnnotationQueuesEndpoints.QueueExistsAsync(db, caller.ProjectId, queueId, ct))
        {
            return ApiErrors.NotFound(AnnotationQueuesEndpoints.QueueNotFound);
        }

        await db.AnnotationQueueAssignments
            .Where(a => a.ProjectId == caller.ProjectId && a.QueueId == queueId && a.UserId == userId)
            .ExecuteDeleteAsync(ct);
        return TypedResults.Ok(new AnnotationQueueAssignmentDeletionResponse(true));
    }

    private static Task<bool> AssignedAsync(SightlineDbContext db, AnnotationQueueAssignment a, CancellationToken ct) =>
        db.AnnotationQueueAssignments.AsNoTracking().AnyAsync(x => x.ProjectId == a.ProjectId && x.QueueId == a.QueueId && x.UserId == a.UserId, ct);

    private static async Task<(string? UserId, string? Problem)> ReadUserIdAsync(HttpRequest request, CancellationToken ct)
    {
        var (document, bodyProblem) = await JsonBody.ReadAsync(request, AnnotationQueuesEndpoints.MaxBodyBytes, ct);
        if (document is null)
        {
            return (null, bodyProblem);
        }

        using (document)
        {
            var problem = AnnotationQueueRequestParser.ParseAssignment(document.RootElement, out var userId);
            return problem is null ? (userId, null) : (null, problem);
        }
    }
}
