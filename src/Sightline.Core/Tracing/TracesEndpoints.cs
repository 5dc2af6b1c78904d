using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Sightline.Api;
using Sightline.Auth;

namespace Sightline.Tracing;

/// <summary>Trace and observation reads by id (the full list and filter API is its own feature).</summary>
public static class TracesEndpoints
{
    public static IEndpointRouteBuilder MapTraces(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public").RequireAuthorization(Policies.ProjectKey);
        group.MapGet("/traces/{traceId}", GetTraceAsync).WithTags("Traces").WithSummary("A trace with its observations and scores.");
        group.MapGet("/observations/{observationId}", GetObservationAsync).WithTags("Observations").WithSummary("One observation.");
        return app;
    }

    private static async Task<Results<Ok<TraceDto>, NotFound<ApiError>>> GetTraceAsync(string traceId, CallerProject caller, ITraceQueries queries, CancellationToken ct)
    {
        var trace = await queries.GetTraceAsync(caller.ProjectId, traceId, ct);
        if (trace is null)
        {
            return ApiErrors.NotFound($"Trace {traceId} not found within authorized project");
        }

        var observations = await queries.GetObservationsOfTraceAsync(caller.ProjectId, traceId, ct);
        var scores = await queries.GetScoresOfTraceAsync(caller.ProjectId, traceId, ct);
        return TypedResults.Ok(TraceMapping.ToDto(trace, observations, scores));
    }

    private static async Task<Results<Ok<ObservationDto>, NotFound<ApiError>>> GetObservationAsync(string observationId, CallerProject caller, ITraceQueries queries, CancellationToken ct) =>
        await queries.GetObservationAsync(caller.ProjectId, observationId, ct) is { } observation
            ? TypedResults.Ok(TraceMapping.ToDto(observation))
            : ApiErrors.NotFound("Observation not found within authorized project");
}
