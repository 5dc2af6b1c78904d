using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sightline.Api;
using Sightline.Auth;
using Sightline.Storage;

namespace Sightline.Datasets;

/// <summary><c>/api/public/datasets/{datasetName}/runs</c>: a dataset's runs, one run with its items, run deletion.</summary>
internal static class DatasetRunsEndpoints
{
    /// <summary>All of a run's items come with it, as in Langfuse; this bounds one answer.</summary>
    private const int MaxItemsOfRun = 100_000;

    public static void MapDatasetRuns(this RouteGroupBuilder datasets)
    {
        datasets.MapGet("/{datasetName}/runs", ListRunsAsync).WithSummary("The dataset's runs, newest first (page-based).");
        datasets.MapGet("/{datasetName}/runs/{runName}", GetRunAsync).WithSummary("One run of the dataset with all its run items.");
        datasets.MapDelete("/{datasetName}/runs/{runName}", DeleteRunAsync).WithSummary("Delete a run and its run items.");
    }

    private static async Task<Results<Ok<DatasetRunListResponse>, BadRequest<ApiError>, NotFound<ApiError>>> ListRunsAsync(
        string datasetName, string? page, string? limit, HttpContext context, CallerProject caller, SightlineDbContext db, CancellationToken ct)
    {
        if (QueryValues.Paging(page, limit, out var pageNumber, out var pageSize) is { } problem)
        {
            return ApiErrors.BadRequest(problem);
        }

        var dataset = await DatasetQueries.FindDatasetAsync(db, caller.ProjectId, DatasetName(context, datasetName), ct);
        if (dataset is null)
        {
            return ApiErrors.NotFound(DatasetRules.DatasetNotFound);
        }

        var runs = db.DatasetRuns.AsNoTracking().Where(r => r.ProjectId == caller.ProjectId && r.DatasetId == dataset.Id);
        var total = await runs.LongCountAsync(ct);
        var skip = (int)Math.Min(int.MaxValue, (pageNumber - 1L) * pageSize);
        var rows = await runs.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Skip(skip).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new DatasetRunListResponse(rows.Select(r => DatasetMapping.ToDto(r, dataset.Name)).ToList(), PageMeta.Of(pageNumber, pageSize, total)));
    }

    private static async Task<Results<Ok<DatasetRunWithItemsDto>, NotFound<ApiError>>> GetRunAsync(
        string datasetName, string runName, HttpContext context, CallerProject caller, SightlineDbContext db, IDatasetRunItemStore runItems,
        CancellationToken ct)
    {
        var (dataset, run) = await FindAsync(context, datasetName, runName, caller, db, ct);
        if (dataset is null)
        {
            return ApiErrors.NotFound(DatasetRules.DatasetNotFound);
        }

        if (run is null)
        {
            return ApiErrors.NotFound(DatasetRules.RunNotFound);
        }

        var items = await runItems.ListAsync(caller.ProjectId, run.Id, MaxItemsOfRun, 0, ct);
        var r = DatasetMapping.ToDto(run, dataset.Name);
        return TypedResults.Ok(new DatasetRunWithItemsDto(r.Id, r.Name, r.Description, r.Metadata, r.DatasetId, r.DatasetName, r.CreatedAt, r.UpdatedAt,
            items.Items.Select(i => DatasetMapping.ToDto(i, run.Name)).ToList()));
    }

    private static async Task<Results<Ok<DatasetMessageResponse>, NotFound<ApiError>>> DeleteRunAsync(
        string datasetName, string runName, HttpContext context, CallerProject caller, SightlineDbContext db, IDatasetRunItemStore runItems,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var (dataset, run) = await FindAsync(context, datasetName, runName, caller, db, ct);
        if (dataset is null)
        {
            return ApiErrors.NotFound(DatasetRules.DatasetNotFound);
        }

        if (run is null)
        {
            return ApiErrors.NotFound(DatasetRules.RunNotFound);
        }

        // The run items first: a deletion interrupted in between leaves the run (empty), which asking again removes.
        var removed = await runItems.DeleteRunsAsync(caller.ProjectId, [run.Id], ct);
        await db.DatasetRuns.Where(x => x.Id == run.Id && x.ProjectId == caller.ProjectId).ExecuteDeleteAsync(ct);
        loggers.CreateLogger(typeof(DatasetRunsEndpoints)).RunDeleted(caller.ProjectId, run.Id, removed);
        return TypedResults.Ok(new DatasetMessageResponse("Dataset run successfully deleted"));
    }

    private static async Task<(Dataset? Dataset, DatasetRun? Run)> FindAsync(
        HttpContext context, string datasetName, string runName, CallerProject caller, SightlineDbContext db, CancellationToken ct)
    {
        var dataset = await DatasetQueries.FindDatasetAsync(db, caller.ProjectId, DatasetName(context, datasetName), ct);
        if (dataset is null)
        {
            return (null, null);
        }

        var name = DatasetRouteValues.Decode(context, DatasetsEndpoints.LegacyPrefix, 2, runName);
        var run = await db.DatasetRuns.AsNoTracking().FirstOrDefaultAsync(r => r.ProjectId == caller.ProjectId && r.DatasetId == dataset.Id && r.Name == name, ct);
        return (dataset, run);
    }

    private static string DatasetName(HttpContext context, string routeValue) => DatasetRouteValues.Decode(context, DatasetsEndpoints.LegacyPrefix, 0, routeValue);
}
