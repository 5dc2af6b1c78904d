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
using Sightline.Tracing;

namespace Sightline.Datasets;

/// <summary>
/// <c>/api/public/dataset-run-items</c>: links a trace (or one of its observations) to a dataset item under a run,
/// creating the run on first use. The link goes to the analytics store, beside the trace it points at.
/// </summary>
internal static class DatasetRunItemsEndpoints
{
    public static void MapDatasetRunItems(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/dataset-run-items").WithTags("Datasets").RequireAuthorization(Policies.ProjectKey);
        group.MapPost("/", CreateRunItemAsync).WithSummary("Link a trace or observation to an active dataset item under a run (created on first use).");
        group.MapGet("/", ListRunItemsAsync).WithSummary("The items of one run of a dataset, newest first (page-based).");
    }

    private static async Task<Results<Ok<DatasetRunItemDto>, BadRequest<ApiError>, NotFound<ApiError>>> CreateRunItemAsync(
        HttpRequest request, CallerProject caller, SightlineDbContext db, ITraceQueries traces, IDatasetRunItemStore runItems, TimeProvider time,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var (document, bodyProblem) = await JsonBody.ReadAsync(request, DatasetRules.MaxBodyBytes, ct);
        if (document is null)
        {
            return ApiErrors.BadRequest(bodyProblem!);
        }

        NewDatasetRunItem? body;
        using (document)
        {
            if (DatasetRequestParser.ParseRunItem(document.RootElement, out body) is { } problem)
            {
                return ApiErrors.BadRequest(problem);
            }
        }

        var item = await DatasetQueries.FindCurrentItemAsync(db, caller.ProjectId, body!.DatasetItemId, ct);
        if (item is null || item.Status != DatasetRules.Active)
        {
            return ApiErrors.NotFound(DatasetRules.ItemNotFound);
        }

        var traceId = body.TraceId;
        if (traceId is null)
        {
            var observation = await traces.GetObservationAsync(caller.ProjectId, body.ObservationId!, ct);
            if (observation is null)
            {
                return ApiErrors.NotFound($"Observation not found: observationId '{body.ObservationId}' is not (yet) stored in the project; send traceId as well");
            }

            traceId = observation.TraceId;
        }

        var now = DatasetMapping.Now(time);
        var run = await GetOrCreateRunAsync(db, caller.ProjectId, item.DatasetId, body, now, time, loggers, ct);
        var record = new DatasetRunItemRecord
        {
            ProjectId = caller.ProjectId,
            Id = Ids.New(time),
            DatasetId = item.DatasetId,
            DatasetRunId = run.Id,
            DatasetItemId = item.Id,
            TraceId = traceId,
            ObservationId = body.ObservationId,
            CreatedAt = body.CreatedAt ?? now,
            UpdatedAt = now,
        };
        await runItems.WriteAsync(record, ct);
        return TypedResults.Ok(DatasetMapping.ToDto(record, run.Name));
    }

    private static async Task<Results<Ok<DatasetRunItemListResponse>, BadRequest<ApiError>, NotFound<ApiError>>> ListRunItemsAsync(
        string? datasetId, string? runName, string? page, string? limit, CallerProject caller, SightlineDbContext db, IDatasetRunItemStore runItems,
        CancellationToken ct)
    {
        var dataset = QueryValues.Optional(datasetId);
        var name = QueryValues.Optional(runName);
        var problem = QueryValues.First(
            dataset is null ? "datasetId: required" : null,
            name is null ? "runName: required" : null,
            QueryValues.Paging(page, limit, out var pageNumber, out var pageSize));
        if (problem is not null)
        {
            return ApiErrors.BadRequest(problem);
        }

        if (!await db.Datasets.AnyAsync(d => d.Id == dataset && d.ProjectId == caller.ProjectId, ct))
        {
            return ApiErrors.NotFound(DatasetRules.DatasetNotFound);
        }

        var run = await db.DatasetRuns.AsNoTracking().FirstOrDefaultAsync(r => r.ProjectId == caller.ProjectId && r.DatasetId == dataset && r.Name == name, ct);
        if (run is null)
        {
            return ApiErrors.NotFound(DatasetRules.RunNotFound);
        }

        var rows = await runItems.ListAsync(caller.ProjectId, run.Id, pageSize, (pageNumber - 1L) * pageSize, ct);
        return TypedResults.Ok(new DatasetRunItemListResponse(
            rows.Items.Select(i => DatasetMapping.ToDto(i, run.Name)).ToList(), PageMeta.Of(pageNumber, pageSize, rows.TotalItems)));
    }

    /// <summary>
    /// The run of that name, created on first use; a description or metadata in the body replaces the run's. Two
    /// first uses at once race on the unique (dataset, name) index: the loser reads the winner's run.
    /// </summary>
    private static async Task<DatasetRun> GetOrCreateRunAsync(
        SightlineDbContext db, string projectId, string datasetId, NewDatasetRunItem body, DateTime now, TimeProvider time, ILoggerFactory loggers,
        CancellationToken ct)
    {
        var run = await FindRunAsync(db, projectId, datasetId, body.RunName, ct);
        if (run is null)
        {
            run = new DatasetRun
            {
                Id = Ids.New(time),
                ProjectId = projectId,
                DatasetId = datasetId,
                Name = body.RunName,
                Description = body.RunDescription,
                Metadata = body.Metadata,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.DatasetRuns.Add(run);
            try
            {
                await db.SaveChangesAsync(ct);
                loggers.CreateLogger(typeof(DatasetRunItemsEndpoints)).RunCreated(projectId, datasetId, run.Id);
                return run;
            }
            catch (DbUpdateException)
            {
                db.Entry(run).State = EntityState.Detached;
                run = await FindRunAsync(db, projectId, datasetId, body.RunName, ct) ?? throw new InvalidOperationException("The dataset run vanished while it was created.");
            }
        }

        if (body.RunDescription is not null || body.Metadata is not null)
        {
            run.Description = body.RunDescription ?? run.Description;
            run.Metadata = body.Metadata ?? run.Metadata;
            run.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
        }

        return run;
    }

    private static Task<DatasetRun?> FindRunAsync(SightlineDbContext db, string projectId, string datasetId, string name, CancellationToken ct) =>
        db.DatasetRuns.FirstOrDefaultAsync(r => r.ProjectId == projectId && r.DatasetId == datasetId && r.Name == name, ct);
}
