using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Sightline.Api;
using Sightline.Auth;

namespace Sightline.Scores;

/// <summary>
/// <c>/api/public/scores</c> (create, delete, legacy v1 reads of trace scores), <c>/api/public/v2/scores</c>
/// (every score: traces, observations, sessions, dataset runs, page-based) and <c>/api/public/v3/scores</c>
/// (cursor-based, polymorphic value).
/// </summary>
public static class ScoresEndpoints
{
    private const string NotFoundMessage = "Score not found";

    public static IEndpointRouteBuilder MapScores(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/public/scores").WithTags("Scores");
        v1.MapPost("/", ScoreWrites.CreateAsync).RequireAuthorization(Policies.ProjectOrPublicKey)
            .Accepts<System.Text.Json.JsonElement>("application/json")
            .Produces<ScoreCreatedResponse>(StatusCodes.Status200OK)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Create or update a score (the same event as score-create in batch ingestion); answers once it is durable.");
        v1.MapDelete("/{scoreId}", ScoreWrites.DeleteAsync).RequireAuthorization(Policies.ProjectKey)
            .Produces<ScoreDeletionResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Delete a score of any kind (trace, observation, session, dataset run).");
        v1.MapGet("/", ListLegacyAsync).RequireAuthorization(Policies.ProjectKey)
            .WithSummary("Legacy list of trace scores with their trace's user, tags and environment (page-based).");
        v1.MapGet("/{scoreId}", GetLegacyAsync).RequireAuthorization(Policies.ProjectKey)
            .WithSummary("Legacy read of a trace score.");

        var v2 = app.MapGroup("/api/public/v2/scores").WithTags("Scores").RequireAuthorization(Policies.ProjectKey);
        v2.MapGet("/", ListAsync).WithSummary("The project's scores, newest first, filtered (page-based); field groups score and trace.");
        v2.MapGet("/{scoreId}", GetAsync).WithSummary("A score of any kind.");

        var v3 = app.MapGroup("/api/public/v3/scores").WithTags("Scores").RequireAuthorization(Policies.ProjectKey);
        v3.MapGet("/", ListV3Async)
            .Produces<ScoresV3Response>(StatusCodes.Status200OK)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithSummary("The project's scores, newest first, cursor-based, with a polymorphic value; field groups details, subject, annotation.");
        return app;
    }

    private static Task<Results<Ok<ScoreListResponse>, BadRequest<ApiError>>> ListAsync(
        [AsParameters] ScoreListParameters p, CallerProject caller, IScoreQueries scores, CancellationToken ct) =>
        ListCoreAsync(p, caller, scores, legacy: false, ct);

    private static Task<Results<Ok<ScoreListResponse>, BadRequest<ApiError>>> ListLegacyAsync(
        [AsParameters] ScoreListParameters p, CallerProject caller, IScoreQueries scores, CancellationToken ct) =>
        ListCoreAsync(p, caller, scores, legacy: true, ct);

    private static async Task<Results<Ok<ScoreListResponse>, BadRequest<ApiError>>> ListCoreAsync(
        ScoreListParameters p, CallerProject caller, IScoreQueries scores, bool legacy, CancellationToken ct)
    {
        if (ScoreListParsing.Parse(p, caller.ProjectId, legacy, out var query) is { } problem)
        {
            return ApiErrors.BadRequest(problem);
        }

        var result = await scores.ListScoresAsync(query, ct);
        return TypedResults.Ok(new ScoreListResponse(
            result.Items.Select(i => ScoreMapping.ToDto(i.Score, i.Trace)).ToList(), PageMeta.Of(query.Page, query.Limit, result.TotalItems)));
    }

    private static async Task<Results<Ok<ScoresV3Response>, BadRequest<ApiError>>> ListV3Async(
        [AsParameters] ScoreV3Parameters p, HttpRequest request, CallerProject caller, IScoreQueries scores, CancellationToken ct)
    {
        if (ScoreV3Parsing.Parse(p, request.Query.Keys, caller.ProjectId, out var query, out var limit, out var cursor, out var fields) is { } problem)
        {
            return ApiErrors.BadRequest(problem);
        }

        // One row more than asked tells whether another page exists, so the last page carries no cursor.
        var rows = await scores.ListScoresAfterAsync(query, cursor, limit + 1, ct);
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? ScoreV3Parsing.EncodeCursor(new ScoreCursor(page[^1].Timestamp, page[^1].Id)) : null;
        return TypedResults.Ok(new ScoresV3Response(page.Select(s => ScoreV3Json.Write(s, fields)).ToList(), new ScoresV3Meta(limit, next)));
    }

    private static async Task<Results<Ok<ScoreItemDto>, NotFound<ApiError>>> GetAsync(
        string scoreId, CallerProject caller, IScoreQueries scores, CancellationToken ct) =>
        await scores.GetScoreAsync(caller.ProjectId, scoreId, ct) is { } score
            ? TypedResults.Ok(ScoreMapping.ToDto(score))
            : ApiErrors.NotFound(NotFoundMessage);

    private static async Task<Results<Ok<ScoreItemDto>, NotFound<ApiError>>> GetLegacyAsync(
        string scoreId, CallerProject caller, IScoreQueries scores, CancellationToken ct) =>
        await scores.GetScoreAsync(caller.ProjectId, scoreId, ct) is { } score && ScoreMapping.IsLegacyTraceScore(score)
            ? TypedResults.Ok(ScoreMapping.ToDto(score))
            : ApiErrors.NotFound(NotFoundMessage);
}
