using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Sightline.Api;
using Sightline.Auth;

namespace Sightline.Metrics;

/// <summary><c>/api/public/metrics/daily</c> and the metrics query API (<c>/api/public/metrics</c>, <c>/api/public/v2/metrics</c>).</summary>
public static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public").WithTags("Metrics").RequireAuthorization(Policies.ProjectKey);
        group.MapGet("/metrics/daily", GetDailyMetricsAsync).WithSummary("Traces, observations, usage and cost per day and model (page-based).");
        group.MapGet("/metrics", (string? query, CallerProject caller, IMetricsQueries metrics, CancellationToken ct) => RunAsync(query, v2: false, caller, metrics, ct))
            .WithSummary("Aggregate traces, observations or scores by dimensions and time buckets (query: JSON).");
        group.MapGet("/v2/metrics", (string? query, CallerProject caller, IMetricsQueries metrics, CancellationToken ct) => RunAsync(query, v2: true, caller, metrics, ct))
            .WithSummary("The metrics query API without the traces view and without grouping by high-cardinality dimensions.");
        return app;
    }

    private static async Task<Results<Ok<DailyMetricsResponse>, BadRequest<ApiError>>> GetDailyMetricsAsync(
        [AsParameters] DailyMetricsParameters p, CallerProject caller, IMetricsQueries metrics, CancellationToken ct)
    {
        var problem = QueryValues.First(
            QueryValues.Paging(p.Page, p.Limit, out var page, out var limit),
            QueryValues.Time(p.FromTimestamp, "fromTimestamp", out var from),
            QueryValues.Time(p.ToTimestamp, "toTimestamp", out var to));
        if (problem is not null)
        {
            return ApiErrors.BadRequest(problem);
        }

        var result = await metrics.GetDailyMetricsAsync(new DailyMetricsQuery
        {
            ProjectId = caller.ProjectId,
            Page = page,
            Limit = limit,
            TraceName = QueryValues.Optional(p.TraceName),
            UserId = QueryValues.Optional(p.UserId),
            Tags = QueryValues.Many(p.Tags),
            Environments = QueryValues.Many(p.Environment),
            FromTimestamp = from,
            ToTimestamp = to,
        }, ct);
        var days = result.Items.Select(d => d with
        {
            TotalCost = ApiNumbers.Trim(d.TotalCost),
            Usage = d.Usage.Select(u => u with { TotalCost = ApiNumbers.Trim(u.TotalCost) }).ToList(),
        }).ToList();
        return TypedResults.Ok(new DailyMetricsResponse(days, PageMeta.Of(page, limit, result.TotalItems)));
    }

    private static async Task<Results<Ok<MetricsResponse>, BadRequest<ApiError>>> RunAsync(
        string? text, bool v2, CallerProject caller, IMetricsQueries metrics, CancellationToken ct)
    {
        if (MetricsQueryParser.Parse(text, caller.ProjectId, v2, out var query) is { } problem)
        {
            return ApiErrors.BadRequest(problem);
        }

        // When empty buckets are filled in, the row limit has to apply after filling, so it stays out of the SQL.
        var fills = MetricsResults.Fills(query!);
        var table = await metrics.RunAsync(fills ? query! with { RowLimit = null } : query!, ct);
        return TypedResults.Ok(new MetricsResponse(MetricsResults.ToJson(query!, fills ? query!.RowLimit : null, table)));
    }
}
