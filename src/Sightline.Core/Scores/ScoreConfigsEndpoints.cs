using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Sightline.Api;
using Sightline.Auth;
using Sightline.Common;
using Sightline.Storage;

namespace Sightline.Scores;

/// <summary><c>/api/public/score-configs</c>: the caller's project's score configs (create, list, read, update and archive).</summary>
public static class ScoreConfigsEndpoints
{
    private const int MaxBodyBytes = 1024 * 1024;
    private const string NotFoundMessage = "Score config not found within authorized project";

    public static IEndpointRouteBuilder MapScoreConfigs(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/score-configs").WithTags("ScoreConfigs").RequireAuthorization(Policies.ProjectKey);
        group.MapPost("/", CreateAsync)
            .WithSummary("Create a score config: a name, a data type and the values scores referencing it may take.");
        group.MapGet("/", ListAsync).WithSummary("The project's score configs, newest first (page-based).");
        group.MapGet("/{configId}", GetAsync).WithSummary("A score config.");
        group.MapPatch("/{configId}", UpdateAsync)
            .WithSummary("Change a score config's name, range, categories or description, or archive it (isArchived).");
        return app;
    }

    private static async Task<Results<Ok<ScoreConfigDto>, BadRequest<ApiError>>> CreateAsync(
        HttpRequest request, CallerProject caller, SightlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var (document, bodyProblem) = await JsonBody.ReadAsync(request, MaxBodyBytes, ct);
        if (document is null)
        {
            return ApiErrors.BadRequest(bodyProblem!);
        }

        NewScoreConfig? config;
        using (document)
        {
            if (ScoreConfigRequestParser.ParseCreate(document.RootElement, out config) is { } problem)
            {
                return ApiErrors.BadRequest(problem);
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        var row = new ScoreConfig
        {
            Id = Ids.New(time),
            ProjectId = caller.ProjectId,
            Name = config!.Name,
            DataType = config.DataType,
            Categories = ScoreConfigMapping.CategoriesToText(config.Categories),
            MinValue = config.MinValue,
            MaxValue = config.MaxValue,
            Description = config.Description,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.ScoreConfigs.Add(row);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ScoreConfigMapping.ToDto(row));
    }

    private static async Task<Results<Ok<ScoreConfigListResponse>, BadRequest<ApiError>>> ListAsync(
        string? page, string? limit, CallerProject caller, SightlineDbContext db, CancellationToken ct)
    {
        if (QueryValues.Paging(page, limit, out var pageNumber, out var pageSize) is { } problem)
        {
            return ApiErrors.BadRequest(problem);
        }

        var configs = db.ScoreConfigs.AsNoTracking().Where(c => c.ProjectId == caller.ProjectId);
        var total = await configs.LongCountAsync(ct);
        var skip = (int)Math.Min(int.MaxValue, (pageNumber - 1L) * pageSize);
        // Ids are time-ordered, so they also order configs created within the same millisecond newest first.
        var rows = await configs.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Skip(skip).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new ScoreConfigListResponse(rows.Select(ScoreConfigMapping.ToDto).ToList(), PageMeta.Of(pageNumber, pageSize, total)));
    }

    private static async Task<Results<Ok<ScoreConfigDto>, NotFound<ApiError>>> GetAsync(
        string configId, CallerProject caller, SightlineDbContext db, CancellationToken ct)
    {
        var row = await db.ScoreConfigs.AsNoTracking().FirstOrDefaultAsync(c => c.Id == configId && c.ProjectId == caller.ProjectId, ct);
        return row is null ? ApiErrors.NotFound(NotFoundMessage) : TypedResults.Ok(ScoreConfigMapping.ToDto(row));
    }

    private static async Task<Results<Ok<ScoreConfigDto>, BadRequest<ApiError>, NotFound<ApiError>>> UpdateAsync(
        string configId, HttpRequest request, CallerProject caller, SightlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var (document, bodyProblem) = await JsonBody.ReadAsync(request, MaxBodyBytes, ct);
        if (document is null)
        {
            return ApiErrors.BadRequest(bodyProblem!);
        }

        ScoreConfigPatch? patch;
        using (document)
        {
            if (ScoreConfigRequestParser.ParsePatch(document.RootElement, out patch) is { } problem)
            {
                return ApiErrors.BadRequest(problem);
            }
        }

        var row = await db.ScoreConfigs.FirstOrDefaultAsync(c => c.Id == configId && c.ProjectId == caller.ProjectId, ct);
        if (row is null)
        {
            return ApiErrors.NotFound(NotFoundMessage);
        }

        if (patch!.Categories is not null && row.DataType == ScoreConfigRules.Boolean)
        {
            return ApiErrors.BadRequest("categories: BOOLEAN configs always have the categories True (1) and False (0); they cannot be changed");
        }

        var categories = patch.Categories ?? ScoreConfigMapping.Categories(row);
        var min = patch.SetsMinValue ? patch.MinValue : row.MinValue;
        var max = patch.SetsMaxValue ? patch.MaxValue : row.MaxValue;
        if (ScoreConfigRules.Consistency(row.DataType, categories, min, max) is { } inconsistent)
        {
            return ApiErrors.BadRequest(inconsistent);
        }

        row.Name = patch.Name ?? row.Name;
        row.IsArchived = patch.IsArchived ?? row.IsArchived;
        row.MinValue = min;
        row.MaxValue = max;
        row.Categories = ScoreConfigMapping.CategoriesToText(categories);
        row.Description = patch.SetsDescription ? patch.Description : row.Description;
        row.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ScoreConfigMapping.ToDto(row));
    }
}
