using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Sightline.Api;
using Sightline.Auth;
using Sightline.Ingestion;

namespace Sightline.Tracing;

/// <summary><c>/api/public/traces</c>: list, read, delete.</summary>
public static class TracesEndpoints
{
    private const int MaxDeleteIds = 1000;
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapTraces(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/traces").WithTags("Traces").RequireAuthorization(Policies.ProjectKey);
        group.MapGet("/", ListTracesAsync).WithSummary("The project's traces, filtered and ordered (page-based).");
        group.MapGet("/{traceId}", GetTraceAsync).WithSummary("A trace with its observations and scores.");
        group.MapDelete("/{traceId}", DeleteTraceAsync).WithSummary("Delete a trace with its observations and scores.")
            .Produces<TraceDeletionResponse>()
            .Produces<ApiError>(StatusCodes.Status503ServiceUnavailable);
        group.MapDelete("/", DeleteTracesAsync).WithSummary("Delete up to 1000 traces with their observations and scores.")
            .Accepts<DeleteTracesRequest>("application/json")
            .Produces<TraceDeletionResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Ok<TraceListResponse>, BadRequest<ApiError>>> ListTracesAsync(
        [AsParameters] TraceListParameters p, CallerProject caller, ITraceSearch search, CancellationToken ct)
    {
        var problem = QueryValues.First(
            QueryValues.Paging(p.Page, p.Limit, out var page, out var limit),
            QueryValues.Time(p.FromTimestamp, "fromTimestamp", out var from),
            QueryValues.Time(p.ToTimestamp, "toTimestamp", out var to),
            TraceOrder.TryParse(p.OrderBy, out var order) ? null : TraceOrder.Expected,
            FilterParser.ParseParameter(p.Filter, FilterColumns.Traces, "traces", out var conditions));
        if (problem is not null)
        {
            return ApiErrors.BadRequest(problem);
        }

        var fields = TraceFieldSelection.Parse(p.Fields);
        // As in Langfuse, a simple parameter gives way to a filter condition on the same column.
        bool Free(string column) => !conditions.Any(c => c.Column == column);
        var result = await search.ListTracesAsync(new TraceListQuery
        {
            ProjectId = caller.ProjectId,
            Page = page,
            Limit = limit,
            UserId = Free("userId") ? QueryValues.Optional(p.UserId) : null,
            Name = Free("name") ? QueryValues.Optional(p.Name) : null,
            SessionId = Free("sessionId") ? QueryValues.Optional(p.SessionId) : null,
            Version = Free("version") ? QueryValues.Optional(p.Version) : null,
            Release = Free("release") ? QueryValues.Optional(p.Release) : null,
            FromTimestamp = Free("timestamp") ? from : null,
            ToTimestamp = Free("timestamp") ? to : null,
            Tags = Free("tags") ? QueryValues.Many(p.Tags) : [],
            Environments = Free("environment") ? QueryValues.Many(p.Environment) : [],
            Conditions = conditions,
            OrderBy = order,
            Fields = fields,
        }, ct);
        return TypedResults.Ok(new TraceListResponse(result.Items.Select(i => TraceMapping.ToDto(i, fields)).ToList(), PageMeta.Of(page, limit, result.TotalItems)));
    }

    private static async Task<Results<Ok<TraceDto>, NotFound<ApiError>>> GetTraceAsync(
        string traceId, string? fields, CallerProject caller, ITraceQueries queries, CancellationToken ct)
    {
        var selected = TraceFieldSelection.Parse(fields);
        var tree = await queries.GetTraceTreeAsync(
            caller.ProjectId, traceId, (selected & (TraceFields.Observations | TraceFields.Metrics)) != 0, (selected & TraceFields.Scores) != 0, ct);
        return tree is null
            ? ApiErrors.NotFound($"Trace {traceId} not found within authorized project")
            : TypedResults.Ok(TraceMapping.ToDto(tree.Trace, tree.Observations, tree.Scores, selected));
    }

    private static Task<IResult> DeleteTraceAsync(
        string traceId, HttpContext context, CallerProject caller, IEventLog log, ITraceDeletion deletion, TimeProvider time, ILoggerFactory loggers,
        CancellationToken ct) =>
        DeleteAsync([traceId], "Trace deleted successfully", context, caller, log, deletion, time, loggers, ct);

    private static async Task<IResult> DeleteTracesAsync(
        HttpContext context, CallerProject caller, IEventLog log, ITraceDeletion deletion, TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var (document, bodyProblem) = await JsonBody.ReadAsync(context.Request, MaxBodyBytes, ct, "body: not valid JSON; expected {\"traceIds\": [\"<id>\", ...]}");
        if (document is null)
        {
            return ApiErrors.BadRequest(bodyProblem!);
        }

        List<string> ids;
        using (document)
        {
            if (ReadTraceIds(document.RootElement, out ids) is { } problem)
            {
                return ApiErrors.BadRequest(problem);
            }
        }

        return await DeleteAsync(ids, "Traces deleted successfully", context, caller, log, deletion, time, loggers, ct);
    }

    /// <summary>
    /// Like Langfuse, deleting an id that does not exist (or belongs to another project) still answers 200: the
    /// caller's project holds no such trace afterwards either way. The deletion goes to the event log first, so the
    /// worker applies it after every event of these traces accepted before it (which may not be stored yet, and
    /// would otherwise bring the trace back, also on a replay of the log); what is stored goes at once, so reads stop
    /// showing it without waiting for the worker.
    /// </summary>
    private static async Task<IResult> DeleteAsync(
        List<string> ids, string message, HttpContext context, CallerProject caller, IEventLog log, ITraceDeletion deletion, TimeProvider time,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(TracesEndpoints));
        var now = time.GetUtcNow();
        var events = ids.Select(id => new IngestionEvent(Guid.CreateVersion7(now).ToString(), EventType.TraceDelete, now.UtcDateTime, JsonFields.WithId(default, id))).ToList();
        if (await IngestionAppender.AppendAsync(context, log, new IngestionRecord(caller.ProjectId, now.UtcDateTime, events), logger, ct) is { } refused)
        {
            return refused;
        }

        var deleted = await deletion.DeleteTracesAsync(caller.ProjectId, ids, ct);
        logger.TracesDeleted(deleted, ids.Count, caller.ProjectId);
        return TypedResults.Ok(new TraceDeletionResponse(message));
    }

    private static string? ReadTraceIds(JsonElement body, out List<string> ids)
    {
        ids = [];
        if (body.ValueKind != JsonValueKind.Object)
        {
            return "body: must be an object {\"traceIds\": [\"<id>\", ...]}";
        }

        foreach (var property in body.EnumerateObject())
        {
            if (property.Name != "traceIds")
            {
                return $"body.{property.Name}: unknown field; the body has only traceIds";
            }
        }

        if (!body.TryGetProperty("traceIds", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return "traceIds: required, an array of trace ids";
        }

        var count = list.GetArrayLength();
        if (count is < 1 or > MaxDeleteIds)
        {
            return count < 1 ? "traceIds: At least 1 traceId is required." : $"traceIds: Cannot specify more than {MaxDeleteIds} traces in a single request.";
        }

        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return $"traceIds[{index}]: must be a string";
            }

            ids.Add(item.GetString()!);
            index++;
        }

        ids = ids.Distinct(StringComparer.Ordinal).ToList();
        return null;
    }
}
