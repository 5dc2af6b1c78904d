using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Sightline.Api;
using Sightline.Auth;
using Sightline.Common;
using Sightline.Storage;

namespace Sightline.Costs;

/// <summary><c>/api/public/models</c>: the built-in price table plus the models of the caller's project.</summary>
public static class ModelsEndpoints
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapModels(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/models").WithTags("Models").RequireAuthorization(Policies.ProjectKey);
        group.MapGet("/", ListModelsAsync).WithSummary("The project's models, then the built-in ones (page-based).");
        group.MapPost("/", CreateModelAsync).WithSummary("Define a model with its match pattern and prices for the project.");
        group.MapGet("/{id}", GetModelAsync).WithSummary("A project or built-in model.");
        group.MapDelete("/{id}", DeleteModelAsync).WithSummary("Delete a project model (built-in models cannot be deleted).");
        return app;
    }

    private static async Task<Results<Ok<ModelListResponse>, BadRequest<ApiError>>> ListModelsAsync(
        string? page, string? limit, CallerProject caller, SightlineDbContext db, BuiltInModels builtIns, CancellationToken ct)
    {
        if (!TryPaging(page, limit, out var pageNumber, out var pageSize, out var problem))
        {
            return ApiErrors.BadRequest(problem);
        }

        var rows = await db.ModelDefinitions.AsNoTracking().Where(m => m.ProjectId == caller.ProjectId).ToListAsync(ct);
        var own = ModelMapping.InMatchOrder(rows.Select(ModelMapping.ToPricedModel));
        var all = own.Concat(builtIns.All).ToList();
        var skip = (int)Math.Min(int.MaxValue, (pageNumber - 1L) * pageSize);
        var data = all.Skip(skip).Take(pageSize).Select(ToDto).ToList();
        var totalPages = (int)Math.Ceiling(all.Count / (double)pageSize);
        return TypedResults.Ok(new ModelListResponse(data, new ModelPageMeta(pageNumber, pageSize, all.Count, totalPages)));
    }

    private static async Task<Results<Ok<ModelDto>, BadRequest<ApiError>>> CreateModelAsync(
        HttpRequest request, CallerProject caller, SightlineDbContext db, ModelPatterns patterns, IProjectModels projectModels,
        TimeProvider time, CancellationToken ct)
    {
        var (document, bodyProblem) = await JsonBody.ReadAsync(request, MaxBodyBytes, ct);
        if (document is null)
        {
            return ApiErrors.BadRequest(bodyProblem!);
        }

        ModelRequest? model;
        using (document)
        {
            if (ModelRequestParser.Parse(document.RootElement, patterns, () => Ids.New(time), out model) is { } problem)
            {
                return ApiErrors.BadRequest(problem);
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        var row = new ModelDefinition
        {
            Id = Ids.New(time),
            ProjectId = caller.ProjectId,
            ModelName = model!.ModelName,
            MatchPattern = model.MatchPattern,
            StartDate = model.StartDate,
            Unit = model.Unit,
            TokenizerId = model.TokenizerId,
            TokenizerConfig = JsonText.FromElement(model.TokenizerConfig),
            PricingTiers = ModelMapping.TiersToText(model.PricingTiers),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.ModelDefinitions.Add(row);
        await db.SaveChangesAsync(ct);
        projectModels.Invalidate(caller.ProjectId);
        return TypedResults.Ok(ToDto(ModelMapping.ToPricedModel(row)));
    }

    private static async Task<Results<Ok<ModelDto>, NotFound<ApiError>>> GetModelAsync(
        string id, CallerProject caller, SightlineDbContext db, BuiltInModels builtIns, CancellationToken ct)
    {
        var row = await db.ModelDefinitions.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.ProjectId == caller.ProjectId, ct);
        var model = row is not null ? ModelMapping.ToPricedModel(row) : builtIns.Find(id);
        return model is null ? ApiErrors.NotFound("Model not found") : TypedResults.Ok(ToDto(model));
    }

    private static async Task<Results<Ok<ModelDeletionResponse>, NotFound<ApiError>>> DeleteModelAsync(
        string id, CallerProject caller, SightlineDbContext db, IProjectModels projectModels, CancellationToken ct)
    {
        // Built-in models belong to no project, so they are "not found" here, as in Langfuse.
        var deleted = await db.ModelDefinitions.Where(m => m.Id == id && m.ProjectId == caller.ProjectId).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            return ApiErrors.NotFound("Model not found");
        }

        projectModels.Invalidate(caller.ProjectId);
        return TypedResults.Ok(new ModelDeletionResponse("Model successfully deleted"));
    }

    internal static ModelDto ToDto(PricedModel m)
    {
        var prices = m.DefaultTier?.Prices ?? new Dictionary<string, decimal>();
        return new ModelDto(
            m.Id,
            m.ModelName,
            m.MatchPattern,
            m.StartDate,
            m.Unit,
            prices.TryGetValue("input", out var input) ? input : null,
            prices.TryGetValue("output", out var output) ? output : null,
            prices.TryGetValue("total", out var total) ? total : null,
            m.TokenizerId,
            m.TokenizerConfig,
            m.IsBuiltIn,
            m.CreatedAt,
            prices.ToDictionary(p => p.Key, p => new ModelPriceDto(p.Value), StringComparer.Ordinal),
            m.PricingTiers);
    }

    private static bool TryPaging(string? page, string? limit, out int pageNumber, out int pageSize, out string problem)
    {
        problem = string.Empty;
        pageNumber = 1;
        pageSize = 50;
        if (!string.IsNullOrEmpty(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1))
        {
            problem = "page: must be an integer of at least 1";
            return false;
        }

        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 100))
        {
            problem = "limit: must be an integer from 1 to 100";
            return false;
        }

        return true;
    }
}
