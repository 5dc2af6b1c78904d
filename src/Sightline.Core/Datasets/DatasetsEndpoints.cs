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

namespace Sightline.Datasets;

/// <summary>
/// Datasets: <c>/api/public/v2/datasets</c> and the legacy <c>/api/public/datasets</c> that JS SDK v3 still calls,
/// with the routes of their items, runs and run items.
/// </summary>
public static class DatasetsEndpoints
{
    private const string V2Prefix = "/api/public/v2/datasets/";
    internal const string LegacyPrefix = "/api/public/datasets/";

    public static IEndpointRouteBuilder MapDatasets(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/api/public/v2/datasets").WithTags("Datasets").RequireAuthorization(Policies.ProjectKey);
        v2.MapGet("/", ListDatasetsAsync).WithSummary("The project's datasets, newest first (page-based).");
        v2.MapPost("/", UpsertDatasetAsync).WithSummary("Create a dataset, or update the one of that name (description, metadata, schemas).");
        v2.MapGet("/{datasetName}", GetDatasetAsync).WithSummary("One dataset by its (URL-encoded) name.");

        var legacy = app.MapGroup("/api/public/datasets").WithTags("Datasets").RequireAuthorization(Policies.ProjectKey);
        legacy.MapGet("/", ListLegacyDatasetsAsync).WithSummary("Legacy: the datasets, newest first, each with its active item ids and run names.");
        legacy.MapPost("/", UpsertLegacyDatasetAsync).WithSummary("Legacy: create or update a dataset; the answer adds empty items and runs.");
        legacy.MapGet("/{datasetName}", GetLegacyDatasetAsync).WithSummary("Legacy: one dataset with its active items and its run names.");
        legacy.MapDatasetRuns();

        app.MapDatasetItems();
        app.MapDatasetRunItems();
        return app;
    }

    private static async Task<Results<Ok<DatasetListResponse>, BadRequest<ApiError>>> ListDatasetsAsync(
        string? page, string? limit, CallerProject caller, SightlineDbContext db, CancellationToken ct)
    {
        if (QueryValues.Paging(page, limit, out var pageNumber, out var pageSize) is { } problem)
        {
            return ApiErrors.BadRequest(problem);
        }

        var (rows, total) = await PageAsync(db, caller.ProjectId, pageNumber, pageSize, ct);
        return TypedResults.Ok(new DatasetListResponse(rows.Select(DatasetMapping.ToDto).ToList(), PageMeta.Of(pageNumber, pageSize, total)));
    }

    private static async Task<Results<Ok<DatasetDto>, NotFound<ApiError>>> GetDatasetAsync(
        string datasetName, HttpContext context, CallerProject caller, SightlineDbContext db, CancellationToken ct)
    {
        var name = DatasetRouteValues.Decode(context, V2Prefix, 0, datasetName);
        var dataset = await DatasetQueries.FindDatasetAsync(db, caller.ProjectId, name, ct);
        return dataset is null ? ApiErrors.NotFound(DatasetRules.DatasetNotFound) : TypedResults.Ok(DatasetMapping.ToDto(dataset));
    }

    private static async Task<Results<Ok<DatasetDto>, BadRequest<ApiError>, Conflict<ApiError>>> UpsertDatasetAsync(
        HttpRequest request, CallerProject caller, SightlineDbContext db, TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var (dataset, problem) = await UpsertAsync(request, caller, db, time, loggers, ct);
        return dataset is not null ? TypedResults.Ok(DatasetMapping.ToDto(dataset))
            : problem!.Value.Conflict ? ApiErrors.Conflict(problem.Value.Message) : ApiErrors.BadRequest(problem.Value.Message);
    }

    private static async Task<Results<Ok<CreatedLegacyDatasetDto>, BadRequest<ApiError>, Conflict<ApiError>>> UpsertLegacyDatasetAsync(
        HttpRequest request, CallerProject caller, SightlineDbContext db, TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var (d, problem) = await UpsertAsync(request, caller, db, time, loggers, ct);
        if (d is null)
        {
            return problem!.Value.Conflict ? ApiErrors.Conflict(problem.Value.Message) : ApiErrors.BadRequest(problem.Value.Message);
        }

        var json = DatasetMapping.ToDto(d);
        return TypedResults.Ok(new CreatedLegacyDatasetDto(json.Id, json.Name, json.Description, json.Metadata, json.InputSchema, json.ExpectedOutputSchema,
            json.ProjectId, json.CreatedAt, json.UpdatedAt, [], []));
    }

    private static async Task<Results<Ok<LegacyDatasetListResponse>, BadRequest<ApiError>>> ListLegacyDatasetsAsync(
        string? page, string? limit, CallerProject caller, SightlineDbContext db, CancellationToken ct)
    {
        if (QueryValues.Paging(page, limit, out var pageNumber, out var pageSize) is { } problem)
        {
            return ApiErrors.BadRequest(problem);
        }

        var (rows, total) = await PageAsync(db, caller.ProjectId, pageNumber, pageSize, ct);
        var ids = rows.Select(d => d.Id).ToList();
        var items = await DatasetQueries.CurrentItems(db, caller.ProjectId).AsNoTracking()
            .Where(i => ids.Contains(i.DatasetId) && i.Status == DatasetRules.Active)
            .OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id)
            .Select(i => new { i.DatasetId, i.Id })
            .ToListAsync(ct);
        var runs = await db.DatasetRuns.AsNoTracking()
            .Where(r => r.ProjectId == caller.ProjectId && ids.Contains(r.DatasetId))
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Name)
            .Select(r => new { r.DatasetId, r.Name })
            .ToListAsync(ct);
        var data = rows.Select(d =>
        {
            var json = DatasetMapping.ToDto(d);
            return new LegacyDatasetListEntryDto(json.Id, json.Name, json.Description, json.Metadata, json.InputSchema, json.ExpectedOutputSchema,
                json.ProjectId, json.CreatedAt, json.UpdatedAt,
                items.Where(i => i.DatasetId == d.Id).Select(i => i.Id).ToList(),
                runs.Where(r => r.DatasetId == d.Id).Select(r => r.Name).ToList());
        }).ToList();
        return TypedResults.Ok(new LegacyDatasetListResponse(data, PageMeta.Of(pageNumber, pageSize, total)));
    }

    private static async Task<Results<Ok<LegacyDatasetDto>, NotFound<ApiError>>> GetLegacyDatasetAsync(
        string datasetName, HttpContext context, CallerProject caller, SightlineDbContext db, CancellationToken ct)
    {
        var name = DatasetRouteValues.Decode(context, LegacyPrefix, 0, datasetName);
        var d = await DatasetQueries.FindDatasetAsync(db, caller.ProjectId, name, ct);
        if (d is null)
        {
            return ApiErrors.NotFound(DatasetRules.DatasetNotFound);
        }

        var items = await DatasetQueries.CurrentItems(db, caller.ProjectId).AsNoTracking()
            .Where(i => i.DatasetId == d.Id && i.Status == DatasetRules.Active)
            .OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id)
            .ToListAsync(ct);
        var runs = await db.DatasetRuns.AsNoTracking()
            .Where(r => r.ProjectId == caller.ProjectId && r.DatasetId == d.Id)
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Name)
            .Select(r => r.Name)
            .ToListAsync(ct);
        var json = DatasetMapping.ToDto(d);
        return TypedResults.Ok(new LegacyDatasetDto(json.Id, json.Name, json.Description, json.Metadata, json.InputSchema, json.ExpectedOutputSchema,
            json.ProjectId, json.CreatedAt, json.UpdatedAt, items.Select(i => DatasetMapping.ToDto(i, d.Name)).ToList(), runs));
    }

    private static async Task<(List<Dataset> Rows, long Total)> PageAsync(SightlineDbContext db, string projectId, int page, int limit, CancellationToken ct)
    {
        var query = db.Datasets.AsNoTracking().Where(d => d.ProjectId == projectId);
        var total = await query.LongCountAsync(ct);
        var skip = (int)Math.Min(int.MaxValue, (page - 1L) * limit);
        var rows = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Skip(skip).Take(limit).ToListAsync(ct);
        return (rows, total);
    }

    /// <summary>
    /// Creates the dataset or updates the one of that name with the fields the body sends. A dataset created at the
    /// same moment under the same name by another request makes this one answer 409 rather than fail.
    /// </summary>
    private static async Task<(Dataset? Dataset, (string Message, bool Conflict)? Problem)> UpsertAsync(
        HttpRequest request, CallerProject caller, SightlineDbContext db, TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var (document, bodyProblem) = await JsonBody.ReadAsync(request, DatasetRules.MaxBodyBytes, ct);
        if (document is null)
        {
            return (null, (bodyProblem!, false));
        }

        NewDataset? body;
        using (document)
        {
            if (DatasetRequestParser.ParseDataset(document.RootElement, out body) is { } problem)
            {
                return (null, (problem, false));
            }
        }

        var now = DatasetMapping.Now(time);
        var dataset = await DatasetQueries.FindDatasetAsync(db, caller.ProjectId, body!.Name, ct);
        var created = dataset is null;
        if (dataset is null)
        {
            dataset = new Dataset { Id = Ids.New(time), ProjectId = caller.ProjectId, Name = body.Name, CreatedAt = now };
            db.Datasets.Add(dataset);
        }

        if (body.HasDescription || created)
        {
            dataset.Description = body.Description;
        }

        if (body.HasMetadata || created)
        {
            dataset.Metadata = body.Metadata;
        }

        if (body.HasInputSchema || created)
        {
            dataset.InputSchema = body.InputSchema;
        }

        if (body.HasExpectedOutputSchema || created)
        {
            dataset.ExpectedOutputSchema = body.ExpectedOutputSchema;
        }

        dataset.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return (null, ($"name: a dataset named '{body.Name}' was created at the same time; retry the request", true));
        }

        loggers.CreateLogger(typeof(DatasetsEndpoints)).DatasetSaved(caller.ProjectId, dataset.Id, created);
        return (dataset, null);
    }
}
