using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Sightline.Api;
using Sightline.Auth;
using Sightline.Common;
using Sightline.Storage;

namespace Sightline.Datasets;

/// <summary>
/// <c>/api/public/dataset-items</c>. Every write keeps the item's earlier versions (see <see cref="DatasetItemVersion"/>),
/// so the list can show a dataset as it stood at any past time (<c>version</c>).
/// </summary>
internal static class DatasetItemsEndpoints
{
    private const string Prefix = "/api/public/dataset-items/";

    public static void MapDatasetItems(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/dataset-items").WithTags("Datasets").RequireAuthorization(Policies.ProjectKey);
        group.MapPost("/", UpsertItemAsync).WithSummary("Create a dataset item, or update the item with that id (its earlier versions are kept).");
        group.MapGet("/", ListItemsAsync).WithSummary("Active dataset items, newest first, by dataset, source trace or observation, optionally as of a past time.");
        group.MapGet("/{id}", GetItemAsync).WithSummary("One dataset item (any status).");
        group.MapDelete("/{id}", DeleteItemAsync).WithSummary("Delete a dataset item; it stays visible to reads of earlier versions.");
    }

    private static async Task<Results<Ok<DatasetItemDto>, BadRequest<ApiError>, NotFound<ApiError>, Conflict<ApiError>>> UpsertItemAsync(
        HttpRequest request, CallerProject caller, SightlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var (document, bodyProblem) = await JsonBody.ReadAsync(request, DatasetRules.MaxBodyBytes, ct);
        if (document is null)
        {
            return ApiErrors.BadRequest(bodyProblem!);
        }

        NewDatasetItem? body;
        using (document)
        {
            if (DatasetRequestParser.ParseItem(document.RootElement, out body) is { } problem)
            {
                return ApiErrors.BadRequest(problem);
            }
        }

        var dataset = await DatasetQueries.FindDatasetAsync(db, caller.ProjectId, body!.DatasetName, ct);
        if (dataset is null)
        {
            return ApiErrors.NotFound(DatasetRules.DatasetNotFound);
        }

        var current = body.Id is null ? null : await DatasetQueries.FindCurrentItemAsync(db, caller.ProjectId, body.Id, ct);
        if (current is not null && current.DatasetId != dataset.Id)
        {
            // Item ids are unique per project: the id is taken by an item of another dataset.
            return ApiErrors.NotFound($"{DatasetRules.ItemNotFound}: id '{body.Id}' belongs to another dataset of the project");
        }

        // Fields left out (or null) keep the current version's values, as Langfuse's upsert does.
        var input = body.Input ?? current?.Input;
        var expectedOutput = body.ExpectedOutput ?? current?.ExpectedOutput;
        if (SchemaProblem("input", dataset.InputSchema, "inputSchema", input) is { } inputProblem)
        {
            return ApiErrors.BadRequest(inputProblem);
        }

        if (SchemaProblem("expectedOutput", dataset.ExpectedOutputSchema, "expectedOutputSchema", expectedOutput) is { } outputProblem)
        {
            return ApiErrors.BadRequest(outputProblem);
        }

        var now = DatasetMapping.Now(time);
        if (current is not null)
        {
            current.ValidTo = now;
        }

        var version = new DatasetItemVersion
        {
            RowId = Ids.New(time),
            ProjectId = caller.ProjectId,
            Id = body.Id ?? Guid.CreateVersion7(time.GetUtcNow()).ToString(),
            DatasetId = dataset.Id,
            Status = body.Status ?? current?.Status ?? DatasetRules.Active,
            Input = input,
            ExpectedOutput = expectedOutput,
            Metadata = body.Metadata ?? current?.Metadata,
            SourceTraceId = body.SourceTraceId ?? current?.SourceTraceId,
            SourceObservationId = body.SourceObservationId ?? current?.SourceObservationId,
            CreatedAt = current?.CreatedAt ?? now,
            ValidFrom = now,
        };
        db.DatasetItems.Add(version);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index on current versions let another write of the same id commit first.
            return ApiErrors.Conflict($"id: dataset item '{version.Id}' was written by another request at the same time; retry the request");
        }

        return TypedResults.Ok(DatasetMapping.ToDto(version, dataset.Name));
    }

    private static async Task<Results<Ok<DatasetItemListResponse>, BadRequest<ApiError>, NotFound<ApiError>>> ListItemsAsync(
        string? datasetName, string? sourceTraceId, string? sourceObservationId, string? version, string? page, string? limit,
        CallerProject caller, SightlineDbContext db, CancellationToken ct)
    {
        var name = QueryValues.Optional(datasetName);
        var problem = QueryValues.First(
            QueryValues.Paging(page, limit, out var pageNumber, out var pageSize),
            QueryValues.Time(version, "version", out var asOf));
        if (problem is null && asOf is not null && name is null)
        {
            problem = "version: requires datasetName (versions are read per dataset)";
        }

        if (problem is not null)
        {
            return ApiErrors.BadRequest(problem);
        }

        var items = asOf is { } at ? DatasetQueries.ItemsAsOf(db, caller.ProjectId, at) : DatasetQueries.CurrentItems(db, caller.ProjectId);
        items = items.AsNoTracking().Where(i => i.Status == DatasetRules.Active);
        if (name is not null)
        {
            var dataset = await DatasetQueries.FindDatasetAsync(db, caller.ProjectId, name, ct);
            if (dataset is null)
            {
                return ApiErrors.NotFound(DatasetRules.DatasetNotFound);
            }

            items = items.Where(i => i.DatasetId == dataset.Id);
        }

        if (QueryValues.Optional(sourceTraceId) is { } trace)
        {
            items = items.Where(i => i.SourceTraceId == trace);
        }

        if (QueryValues.Optional(sourceObservationId) is { } observation)
        {
            items = items.Where(i => i.SourceObservationId == observation);
        }

        var total = await items.LongCountAsync(ct);
        var skip = (int)Math.Min(int.MaxValue, (pageNumber - 1L) * pageSize);
        var rows = await items.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Skip(skip).Take(pageSize).ToListAsync(ct);
        var names = await DatasetQueries.NamesAsync(db, caller.ProjectId, rows.Select(r => r.DatasetId), ct);
        return TypedResults.Ok(new DatasetItemListResponse(
            rows.Select(r => DatasetMapping.ToDto(r, names[r.DatasetId])).ToList(), PageMeta.Of(pageNumber, pageSize, total)));
    }

    private static async Task<Results<Ok<DatasetItemDto>, NotFound<ApiError>>> GetItemAsync(
        string id, HttpContext context, CallerProject caller, SightlineDbContext db, CancellationToken ct)
    {
        var item = await DatasetQueries.FindCurrentItemAsync(db, caller.ProjectId, DatasetRouteValues.Decode(context, Prefix, 0, id), ct);
        if (item is null)
        {
            return ApiErrors.NotFound(DatasetRules.ItemNotFound);
        }

        var names = await DatasetQueries.NamesAsync(db, caller.ProjectId, [item.DatasetId], ct);
        return TypedResults.Ok(DatasetMapping.ToDto(item, names[item.DatasetId]));
    }

    private static async Task<Results<Ok<DatasetMessageResponse>, NotFound<ApiError>>> DeleteItemAsync(
        string id, HttpContext context, CallerProject caller, SightlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var item = await DatasetQueries.FindCurrentItemAsync(db, caller.ProjectId, DatasetRouteValues.Decode(context, Prefix, 0, id), ct);
        if (item is null)
        {
            return ApiErrors.NotFound(DatasetRules.ItemNotFound);
        }

        item.ValidTo = DatasetMapping.Now(time);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new DatasetMessageResponse("Dataset item successfully deleted"));
    }

    private static string? SchemaProblem(string field, string? schemaText, string schemaName, string? valueText)
    {
        if (schemaText is null || valueText is null)
        {
            return null;
        }

        var schema = DatasetMapping.Json(schemaText)!.Value;
        var value = DatasetMapping.Json(valueText)!.Value;
        return JsonSchemaCheck.Problem(schema, value) is { } problem
            ? $"{field}: does not match the dataset's {schemaName}: {problem}"
            : null;
    }
}
