using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Sightline.Api;
using Sightline.Auth;

namespace Sightline.Tracing;

/// <summary><c>/api/public/sessions</c>: the sessions named by the project's traces.</summary>
public static class SessionsEndpoints
{
    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/sessions").WithTags("Sessions").RequireAuthorization(Policies.ProjectKey);
        group.MapGet("/", ListSessionsAsync).WithSummary("The project's sessions, newest first (page-based).");
        group.MapGet("/{sessionId}", GetSessionAsync).WithSummary("A session with all its traces.");
        return app;
    }

    private static async Task<Results<Ok<SessionListResponse>, BadRequest<ApiError>>> ListSessionsAsync(
        [AsParameters] SessionListParameters p, CallerProject caller, ISessionQueries sessions, CancellationToken ct)
    {
        var problem = QueryValues.First(
            QueryValues.Paging(p.Page, p.Limit, out var page, out var limit),
            QueryValues.Time(p.FromTimestamp, "fromTimestamp", out var from),
            QueryValues.Time(p.ToTimestamp, "toTimestamp", out var to));
        if (problem is not null)
        {
            return ApiErrors.BadRequest(problem);
        }

        var result = await sessions.ListSessionsAsync(new SessionListQuery
        {
            ProjectId = caller.ProjectId,
            Page = page,
            Limit = limit,
            FromTimestamp = from,
            ToTimestamp = to,
            Environments = QueryValues.Many(p.Environment),
        }, ct);
        return TypedResults.Ok(new SessionListResponse(
            result.Items.Select(s => new SessionDto(s.Id, s.CreatedAt, s.ProjectId, s.Environment)).ToList(), PageMeta.Of(page, limit, result.TotalItems)));
    }

    private static async Task<Results<Ok<SessionWithTracesDto>, NotFound<ApiError>>> GetSessionAsync(
        string sessionId, CallerProject caller, ISessionQueries sessions, CancellationToken ct)
    {
        var traces = await sessions.GetTracesOfSessionAsync(caller.ProjectId, sessionId, ct);
        if (traces.Count == 0)
        {
            return ApiErrors.NotFound("Session not found within authorized project");
        }

        // The session took its creation time and environment from the first trace that named it.
        var first = traces.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal).First();
        return TypedResults.Ok(new SessionWithTracesDto(sessionId, first.CreatedAt, caller.ProjectId, first.Environment,
            traces.Select(TraceMapping.ToSessionTrace).ToList()));
    }
}
