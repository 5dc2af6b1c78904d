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

namespace Sightline.Comments;

/// <summary><c>/api/public/comments</c>: comments on the project's traces, observations, sessions and prompts.</summary>
public static class CommentsEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapComments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/comments").WithTags("Comments").RequireAuthorization(Policies.ProjectKey);
        group.MapPost("/", CreateCommentAsync).WithSummary("Comment on a trace, observation, session or prompt of the project.");
        group.MapGet("/", ListCommentsAsync).WithSummary("The project's comments, oldest first, filtered by object and author (page-based).");
        group.MapGet("/{commentId}", GetCommentAsync).WithSummary("One comment of the project.");
        return app;
    }

    private static async Task<Results<Ok<CreatedCommentResponse>, BadRequest<ApiError>, NotFound<ApiError>>> CreateCommentAsync(
        HttpRequest request, CallerProject caller, SightlineDbContext db, CommentTargets targets, TimeProvider time, ILoggerFactory loggers,
        CancellationToken ct)
    {
        var (document, bodyProblem) = await JsonBody.ReadAsync(request, MaxBodyBytes, ct);
        if (document is null)
        {
            return ApiErrors.BadRequest(bodyProblem!);
        }

        NewComment? comment;
        using (document)
        {
            if (CommentRequestParser.Parse(document.RootElement, out comment) is { } problem)
            {
                return ApiErrors.BadRequest(problem);
            }
        }

        // As in Langfuse, the project comes from the key and the body's projectId is not compared with it: code
        // moved over from a Langfuse deployment still carries that deployment's project id.
        // The same message for unknown users and users of other organizations, so the answer discloses neither.
        if (comment!.AuthorUserId is { } author
            && !await db.OrganizationMemberships.AnyAsync(m => m.OrganizationId == caller.OrganizationId && m.UserId == author, ct))
        {
            return ApiErrors.BadRequest("authorUserId must belong to a member of the organization that owns the authenticated project.");
        }

        if (!await targets.ExistsAsync(caller.ProjectId, comment.ObjectType, comment.ObjectId, ct))
        {
            return ApiErrors.NotFound($"Reference object, {comment.ObjectType}: {comment.ObjectId} not found. Skipping comment creation.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var row = new Comment
        {
            Id = Ids.New(time),
            ProjectId = caller.ProjectId,
            ObjectType = comment.ObjectType,
            ObjectId = comment.ObjectId,
            Content = comment.Content,
            AuthorUserId = comment.AuthorUserId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Comments.Add(row);
        await db.SaveChangesAsync(ct);
        loggers.CreateLogger(typeof(CommentsEndpoints)).CommentCreated(caller.ProjectId, row.ObjectType);
        return TypedResults.Ok(new CreatedCommentResponse(row.Id));
    }

    private static async Task<Results<Ok<CommentListResponse>, BadRequest<ApiError>>> ListCommentsAsync(
        string? page, string? limit, string? objectType, string? objectId, string? authorUserId, CallerProject caller, SightlineDbContext db,
        CancellationToken ct)
    {
        var problem = QueryValues.First(
            QueryValues.Paging(page, limit, out var pageNumber, out var pageSize),
            QueryValues.OneOf(objectType, "objectType", CommentRules.ObjectTypes, out var type));
        var id = QueryValues.Optional(objectId);
        if (problem is null && id is not null && type is null)
        {
            problem = "objectType: required when objectId is provided";
        }

        if (problem is not null)
        {
            return ApiErrors.BadRequest(problem);
        }

        var author = QueryValues.Optional(authorUserId);
        var query = db.Comments.AsNoTracking().Where(c => c.ProjectId == caller.ProjectId);
        if (type is not null)
        {
            query = query.Where(c => c.ObjectType == type);
        }

        if (id is not null)
        {
            query = query.Where(c => c.ObjectId == id);
        }

        if (author is not null)
        {
            query = query.Where(c => c.AuthorUserId == author);
        }

        var total = await query.CountAsync(ct);
        var skip = (int)Math.Min(int.MaxValue, (pageNumber - 1L) * pageSize);
        var rows = await query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Skip(skip).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new CommentListResponse(rows.Select(ToDto).ToList(), PageMeta.Of(pageNumber, pageSize, total)));
    }

    private static async Task<Results<Ok<CommentDto>, NotFound<ApiError>>> GetCommentAsync(
        string commentId, CallerProject caller, SightlineDbContext db, CancellationToken ct)
    {
        var row = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == commentId && c.ProjectId == caller.ProjectId, ct);
        return row is null ? ApiErrors.NotFound("Comment not found within authorized project") : TypedResults.Ok(ToDto(row));
    }

    private static CommentDto ToDto(Comment c) =>
        new(c.Id, c.ProjectId, c.CreatedAt, c.UpdatedAt, c.ObjectType, c.ObjectId, c.Content, c.AuthorUserId);
}
