using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sightline.Api;
using Sightline.Auth;
using Sightline.Ingestion;

namespace Sightline.Prompts;

/// <summary><c>/api/public/v2/prompts</c>: Langfuse's prompt management API for the caller's project.</summary>
public static class PromptsEndpoints
{
    private const int MaxBodyBytes = 8 * 1024 * 1024;
    private const string JsonContentType = "application/json; charset=utf-8";

    public static IEndpointRouteBuilder MapPrompts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/v2/prompts").WithTags("Prompts");
        group.MapGet("/", ListPromptsAsync).RequireAuthorization(Policies.PromptKey)
            .WithSummary("Prompt names with their versions and labels, filtered and paged.");
        group.MapPost("/", CreatePromptAsync).RequireAuthorization(Policies.PromptKey)
            .WithSummary("Create the next version of a text or chat prompt.");
        group.MapGet("/{name}", GetPromptAsync).RequireAuthorization(Policies.PromptKey)
            .Produces<PromptDto>(StatusCodes.Status200OK, "application/json")
            .WithSummary("A prompt by version or label (default: production), references resolved. Folder names are URL-encoded.");
        group.MapDelete("/{name}", DeletePromptAsync).RequireAuthorization(Policies.PromptKey)
            .WithSummary("Delete one version, the versions with a label, or all versions of a prompt.");
        group.MapPatch("/{name}/versions/{version}", UpdateLabelsAsync).RequireAuthorization(Policies.ProjectKey)
            .WithSummary("Add labels to a version, taking them off the other versions.");
        return app;
    }

    private static async Task<Results<FileContentHttpResult, BadRequest<ApiError>, NotFound<ApiError>>> GetPromptAsync(
        string name, string? version, string? label, string? resolve, HttpContext context, CallerProject caller, PromptCache cache,
        CancellationToken ct)
    {
        name = PromptRouteName.Decode(context, name);
        if (ParseInt("version", version, out var versionNumber) is { } versionProblem)
        {
            return ApiErrors.BadRequest(versionProblem);
        }

        if (resolve is not (null or "" or "true" or "false"))
        {
            return ApiErrors.BadRequest("resolve: must be 'true' or 'false'");
        }

        // As in Langfuse, version 0 and an empty label count as not given.
        var byVersion = versionNumber is > 0 or < 0 ? versionNumber : null;
        var byLabel = string.IsNullOrEmpty(label) ? null : label;
        if (byVersion is not null && byLabel is not null)
        {
            return ApiErrors.BadRequest("Cannot specify both version and label");
        }

        if (byVersion is null)
        {
            byLabel ??= PromptRules.Production;
        }

        var shouldResolve = resolve != "false";
        var key = new PromptCacheKey(caller.ProjectId, name, byVersion, byLabel);
        if (shouldResolve && cache.TryGet(key, out var cached))
        {
            return TypedResults.Bytes(cached, JsonContentType);
        }

        var generation = cache.Generation(caller.ProjectId);
        var queries = context.RequestServices.GetRequiredService<PromptQueries>();
        PromptDto? prompt;
        try
        {
            prompt = await queries.GetAsync(caller.ProjectId, name, byVersion, byLabel, shouldResolve, ct);
        }
        catch (PromptResolutionException e)
        {
            return ApiErrors.BadRequest(e.Message);
        }

        if (prompt is null)
        {
            return ApiErrors.NotFound(byVersion is { } v
                ? $"Prompt not found: '{name}' with version {v.ToString(CultureInfo.InvariantCulture)}"
                : $"Prompt not found: '{name}' with label '{byLabel}'");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(prompt, SightlineJson.Default.PromptDto);
        if (shouldResolve)
        {
            cache.Set(key, body, generation);
        }

        return TypedResults.Bytes(body, JsonContentType);
    }

    private static async Task<Results<Ok<PromptListResponse>, BadRequest<ApiError>>> ListPromptsAsync(
        string? name, string? label, string? tag, string? version, string? page, string? limit, string? fromUpdatedAt, string? toUpdatedAt,
        CallerProject caller, PromptQueries queries, CancellationToken ct)
    {
        if (ParseInt("version", version, out var versionNumber) is { } versionProblem)
        {
            return ApiErrors.BadRequest(versionProblem);
        }

        if (ParseInt("page", page, out var pageNumber) is not null || pageNumber < 1)
        {
            return ApiErrors.BadRequest("page: must be an integer of at least 1");
        }

        if (ParseInt("limit", limit, out var pageSize) is not null || pageSize is < 1 or > 100)
        {
            return ApiErrors.BadRequest("limit: must be an integer from 1 to 100");
        }

        if (ParseTime("fromUpdatedAt", fromUpdatedAt, out var from) is { } fromProblem)
        {
            return ApiErrors.BadRequest(fromProblem);
        }

        if (ParseTime("toUpdatedAt", toUpdatedAt, out var to) is { } toProblem)
        {
            return ApiErrors.BadRequest(toProblem);
        }

        var query = new PromptListQuery(
            NullIfEmpty(name), versionNumber is 0 ? null : versionNumber, NullIfEmpty(label), NullIfEmpty(tag), from, to, pageNumber ?? 1, pageSize ?? 10);
        return TypedResults.Ok(await queries.ListAsync(caller.ProjectId, query, ct));
    }

    private static async Task<Results<Created<PromptVersionDto>, BadRequest<ApiError>, NotFound<ApiError>, Conflict<ApiError>>> CreatePromptAsync(
        HttpRequest request, CallerProject caller, PromptWriter writer, CancellationToken ct)
    {
        var (body, bodyProblem) = await JsonBody.ReadAsync(request, MaxBodyBytes, ct);
        if (bodyProblem is not null)
        {
            return ApiErrors.BadRequest(bodyProblem);
        }

        NewPrompt? prompt;
        using (body)
        {
            if (PromptRequestParser.Parse(body!.RootElement, out prompt) is { } problem)
            {
                return ApiErrors.BadRequest(problem);
            }
        }

        var result = await writer.CreateAsync(caller.ProjectId, prompt!, ct);
        return result.Problem switch
        {
            null => TypedResults.Created((string?)null, result.Prompt),
            { Kind: PromptProblemKind.NotFound } p => ApiErrors.NotFound(p.Message),
            { Kind: PromptProblemKind.Conflict } p => ApiErrors.Conflict(p.Message),
            var p => ApiErrors.BadRequest(p.Message),
        };
    }

    private static async Task<Results<Ok<PromptVersionDto>, BadRequest<ApiError>, NotFound<ApiError>, Conflict<ApiError>>> UpdateLabelsAsync(
        string name, string version, HttpContext context, CallerProject caller, PromptWriter writer, CancellationToken ct)
    {
        name = PromptRouteName.Decode(context, name);
        if (ParseInt("version", version, out var versionNumber) is { } versionProblem)
        {
            return ApiErrors.BadRequest(versionProblem);
        }

        var (body, bodyProblem) = await JsonBody.ReadAsync(context.Request, MaxBodyBytes, ct);
        if (bodyProblem is not null)
        {
            return ApiErrors.BadRequest(bodyProblem);
        }

        var labels = new List<string>();
        using (body)
        {
            var root = body!.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("newLabels", out var newLabels)
                || newLabels.ValueKind != JsonValueKind.Array || newLabels.EnumerateArray().Any(l => l.ValueKind != JsonValueKind.String))
            {
                return ApiErrors.BadRequest("newLabels: required, an array of strings");
            }

            labels.AddRange(newLabels.EnumerateArray().Select(l => l.GetString()!));
        }

        if (labels.Contains(PromptRules.Latest, StringComparer.Ordinal))
        {
            return ApiErrors.BadRequest("newLabels: Label 'latest' is always assigned to the latest prompt version");
        }

        if (labels.Select(l => PromptRules.LabelProblem("newLabels", l)).FirstOrDefault(p => p is not null) is { } labelProblem)
        {
            return ApiErrors.BadRequest(labelProblem);
        }

        var result = await writer.AddLabelsAsync(caller.ProjectId, name, versionNumber ?? 0, labels, ct);
        return result.Problem switch
        {
            null => TypedResults.Ok(result.Prompt),
            { Kind: PromptProblemKind.NotFound } p => ApiErrors.NotFound(p.Message),
            { Kind: PromptProblemKind.Conflict } p => ApiErrors.Conflict(p.Message),
            var p => ApiErrors.BadRequest(p.Message),
        };
    }

    private static async Task<Results<NoContent, BadRequest<ApiError>, NotFound<ApiError>, Conflict<ApiError>>> DeletePromptAsync(
        string name, string? version, string? label, HttpContext context, CallerProject caller, PromptWriter writer, CancellationToken ct)
    {
        name = PromptRouteName.Decode(context, name);
        if (ParseInt("version", version, out var versionNumber) is { } versionProblem)
        {
            return ApiErrors.BadRequest(versionProblem);
        }

        var byVersion = versionNumber is 0 ? null : versionNumber;
        var byLabel = NullIfEmpty(label);
        if (byVersion is not null && byLabel is not null)
        {
            return ApiErrors.BadRequest("Cannot specify both version and label");
        }

        var problem = await writer.DeleteAsync(caller.ProjectId, name, byVersion, byLabel, ct);
        return problem switch
        {
            null => TypedResults.NoContent(),
            { Kind: PromptProblemKind.NotFound } p => ApiErrors.NotFound(p.Message),
            { Kind: PromptProblemKind.Conflict } p => ApiErrors.Conflict(p.Message),
            var p => ApiErrors.BadRequest(p.Message),
        };
    }

    private static string? ParseInt(string field, string? text, out int? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return $"{field}: must be an integer";
        }

        value = number;
        return null;
    }

    private static string? ParseTime(string field, string? text, out DateTime? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!JsonFields.TryParseTime(text, out var time))
        {
            return $"{field}: must be an ISO 8601 datetime with a zone, e.g. 2024-01-01T00:00:00.000Z";
        }

        value = time;
        return null;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
