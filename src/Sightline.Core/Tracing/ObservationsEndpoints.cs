using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Sightline.Api;
using Sightline.Auth;

namespace Sightline.Tracing;

/// <summary><c>/api/public/observations</c> (v1, page-based) and <c>/api/public/v2/observations</c> (cursor-based).</summary>
public static class ObservationsEndpoints
{
    private const int MaxV2Limit = 1000;

    public static IEndpointRouteBuilder MapObservations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public").WithTags("Observations").RequireAuthorization(Policies.ProjectKey);
        group.MapGet("/observations", ListObservationsAsync).WithSummary("The project's observations, newest first (page-based).");
        group.MapGet("/observations/{observationId}", GetObservationAsync).WithSummary("One observation.");
        group.MapGet("/v2/observations", ListObservationsV2Async).WithSummary("The project's observations with selectable field groups (cursor-based).");
        return app;
    }

    private static async Task<Results<Ok<ObservationListResponse>, BadRequest<ApiError>>> ListObservationsAsync(
        [AsParameters] ObservationListParameters p, CallerProject caller, IObservationSearch search, CancellationToken ct)
    {
        var problem = QueryValues.First(
            QueryValues.Paging(p.Page, p.Limit, out var page, out var limit),
            ObservationQueryParsing.Filter(p.Type, p.Name, p.UserId, null, p.TraceId, p.Level, p.ParentObservationId, p.Version, p.Environment,
                p.FromStartTime, p.ToStartTime, out var filter),
            FilterParser.ParseParameter(p.Filter, FilterColumns.Observations, "observations", out var conditions));
        if (problem is not null)
        {
            return ApiErrors.BadRequest(problem);
        }

        filter = ObservationQueryParsing.WithConditions(filter, conditions);

        var result = await search.ListObservationsAsync(caller.ProjectId, filter, page, limit, ct);
        return TypedResults.Ok(new ObservationListResponse(result.Items.Select(TraceMapping.ToDto).ToList(), PageMeta.Of(page, limit, result.TotalItems)));
    }

    private static async Task<Results<Ok<ObservationDto>, NotFound<ApiError>>> GetObservationAsync(
        string observationId, CallerProject caller, ITraceQueries queries, CancellationToken ct) =>
        await queries.GetObservationAsync(caller.ProjectId, observationId, ct) is { } observation
            ? TypedResults.Ok(TraceMapping.ToDto(observation))
            : ApiErrors.NotFound("Observation not found within authorized project");

    private static async Task<Results<Ok<ObservationsV2Response>, BadRequest<ApiError>>> ListObservationsV2Async(
        [AsParameters] ObservationV2Parameters p, CallerProject caller, IObservationSearch search, CancellationToken ct)
    {
        var problem = QueryValues.First(
            QueryValues.Limit(p.Limit, MaxV2Limit, QueryValues.DefaultLimit, out var limit),
            ObservationQueryParsing.DecodeCursor(p.Cursor, out var cursor),
            p.ParseIoAsJson is null or "" or "false" ? null
                : p.ParseIoAsJson == "true" ? "parseIoAsJson: true is not supported by the v2 observations endpoint; input and output are always raw strings"
                : "parseIoAsJson: must be true or false",
            p.IsRootObservation is null or "" or "true" or "false" ? null : "isRootObservation: must be true or false",
            ObservationQueryParsing.Filter(p.Type, p.Name, p.UserId, p.SessionId, p.TraceId, p.Level, p.ParentObservationId, p.Version, p.Environment,
                p.FromStartTime, p.ToStartTime, out var filter),
            FilterParser.ParseParameter(p.Filter, FilterColumns.Observations, "observations", out var conditions));
        if (problem is not null)
        {
            return ApiErrors.BadRequest(problem);
        }

        filter = ObservationQueryParsing.WithConditions(filter, conditions) with { IsRoot = p.IsRootObservation switch { "true" => true, "false" => false, _ => null } };
        var fields = ObservationQueryParsing.Fields(p.Fields);
        var expand = (p.ExpandMetadata ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        // One row more than asked tells whether another page exists, so the last page carries no cursor.
        var rows = await search.ListObservationsAfterAsync(caller.ProjectId, filter, cursor, limit + 1, ct);
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? page[^1].Observation : null;
        return TypedResults.Ok(new ObservationsV2Response(
            page.Select(r => ObservationV2Json.Write(r, fields, expand)).ToList(),
            new CursorMeta(next is null ? null : ObservationQueryParsing.EncodeCursor(new ObservationCursor(next.StartTime, next.TraceId, next.Id)))));
    }
}
