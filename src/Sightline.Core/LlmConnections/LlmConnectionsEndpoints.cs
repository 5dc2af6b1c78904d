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

namespace Sightline.LlmConnections;

/// <summary>
/// <c>/api/public/llm-connections</c>: the caller's project's LLM provider connections (list, upsert on provider,
/// delete). Secrets go in and never come out. <c>/api/sightline/llm-connections/{id}/test</c> (not a Langfuse route)
/// sends one small chat request through a stored connection.
/// </summary>
public static class LlmConnectionsEndpoints
{
    private const int MaxBodyBytes = 256 * 1024;
    private const string NotFoundMessage = "LLM connection not found";

    public static IEndpointRouteBuilder MapLlmConnections(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/llm-connections").WithTags("LlmConnections").RequireAuthorization(Policies.ProjectKey);
        group.MapGet("/", ListAsync).WithSummary("The project's LLM connections, newest first (page-based). Secrets are never returned.");
        group.MapPut("/", UpsertAsync)
            .WithSummary("Create (201) or update (200) the connection named by provider. secretKey is required on create; on update it may be left out only when adapter and baseURL stay the same.");
        group.MapDelete("/{id}", DeleteAsync).WithSummary("Delete a connection.");

        app.MapGroup("/api/sightline/llm-connections").WithTags("LlmConnections").RequireAuthorization(Policies.ProjectKey)
            .MapPost("/{id}/test", TestAsync)
            .WithSummary("Send one short chat request through the connection and report the answer and token usage, or the provider's error with the key redacted. Optional body {\"model\": \"...\"}; default: the first custom model, else the adapter's default.");
        return app;
    }

    private static async Task<Results<Ok<LlmConnectionListResponse>, BadRequest<ApiError>>> ListAsync(
        string? page, string? limit, CallerProject caller, SightlineDbContext db, CancellationToken ct)
    {
        if (QueryValues.Paging(page, limit, out var pageNumber, out var pageSize) is { } problem)
        {
            return ApiErrors.BadRequest(problem);
        }

        var connections = db.LlmConnections.AsNoTracking().Where(c => c.ProjectId == caller.ProjectId);
        var total = await connections.LongCountAsync(ct);
        var skip = (int)Math.Min(int.MaxValue, (pageNumber - 1L) * pageSize);
        var rows = await connections.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Skip(skip).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new LlmConnectionListResponse(rows.Select(LlmConnectionMapping.ToDto).ToList(), PageMeta.Of(pageNumber, pageSize, total)));
    }

    private static async Task<Results<Created<LlmConnectionDto>, Ok<LlmConnectionDto>, BadRequest<ApiError>, Conflict<ApiError>>> UpsertAsync(
        HttpRequest request, CallerProject caller, SightlineDbContext db, LlmConnectionSecrets secrets, TimeProvider time,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var (document, bodyProblem) = await JsonBody.ReadAsync(request, MaxBodyBytes, ct);
        if (document is null)
        {
            return ApiErrors.BadRequest(bodyProblem!);
        }

        LlmConnectionUpsert? upsert;
        using (document)
        {
            if (LlmConnectionRequestParser.ParseUpsert(document.RootElement, out upsert) is { } problem)
            {
                return ApiErrors.BadRequest(problem);
            }
        }

        var log = loggers.CreateLogger(typeof(LlmConnectionsEndpoints));
        var now = time.GetUtcNow().UtcDateTime;
        var row = await db.LlmConnections.FirstOrDefaultAsync(c => c.ProjectId == caller.ProjectId && c.Provider == upsert!.Provider, ct);
        if (row is null)
        {
            if (upsert!.SecretKey is null)
            {
                return ApiErrors.BadRequest("secretKey: required when creating a connection");
            }

            row = new LlmConnection
            {
                Id = Ids.New(time),
                ProjectId = caller.ProjectId,
                Provider = upsert.Provider,
                Adapter = upsert.Adapter,
                SecretKey = secrets.SealKey(caller.ProjectId, upsert.SecretKey),
                DisplaySecretKey = LlmConnectionSecrets.DisplayHint(upsert.SecretKey),
                CustomModels = "[]",
                ExtraHeaderKeys = "[]",
                CreatedAt = now,
            };
            Apply(row, upsert, secrets, now);
            db.LlmConnections.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return ApiErrors.Conflict("provider: another request created a connection with this provider at the same time; send the request again to update it");
            }

            log.ConnectionSaved(caller.ProjectId, row.Id, row.Adapter, created: true);
            return TypedResults.Created((string?)null, LlmConnectionMapping.ToDto(row));
        }

        if (upsert!.SecretKey is null)
        {
            // The stored key may only keep going where it was meant to go: a new destination needs the key again.
            if (upsert.Adapter != row.Adapter || !string.Equals(upsert.BaseUrl, row.BaseUrl, StringComparison.Ordinal))
            {
                return ApiErrors.BadRequest("secretKey: required when the adapter or baseURL changes");
            }
        }
        else
        {
            row.SecretKey = secrets.SealKey(caller.ProjectId, upsert.SecretKey);
            row.DisplaySecretKey = LlmConnectionSecrets.DisplayHint(upsert.SecretKey);
        }

        Apply(row, upsert, secrets, now);
        await db.SaveChangesAsync(ct);
        log.ConnectionSaved(caller.ProjectId, row.Id, row.Adapter, created: false);
        return TypedResults.Ok(LlmConnectionMapping.ToDto(row));
    }

    /// <summary>An upsert replaces every field it carries the way Langfuse's does: what is left out is reset.</summary>
    private static void Apply(LlmConnection row, LlmConnectionUpsert upsert, LlmConnectionSecrets secrets, DateTime now)
    {
        row.Adapter = upsert.Adapter;
        row.BaseUrl = upsert.BaseUrl;
        row.CustomModels = LlmConnectionMapping.NamesToText(upsert.CustomModels);
        row.WithDefaultModels = upsert.WithDefaultModels;
        row.ExtraHeaders = secrets.SealHeaders(row.ProjectId, upsert.ExtraHeaders);
        row.ExtraHeaderKeys = LlmConnectionMapping.NamesToText(upsert.ExtraHeaders?.Keys ?? []);
        row.Config = upsert.Config;
        row.UpdatedAt = now;
    }

    private static async Task<Results<Ok<LlmConnectionDeletionResponse>, NotFound<ApiError>>> DeleteAsync(
        string id, CallerProject caller, SightlineDbContext db, ILoggerFactory loggers, CancellationToken ct)
    {
        var deleted = await db.LlmConnections.Where(c => c.Id == id && c.ProjectId == caller.ProjectId).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            return ApiErrors.NotFound(NotFoundMessage);
        }

        loggers.CreateLogger(typeof(LlmConnectionsEndpoints)).ConnectionDeleted(caller.ProjectId, id);
        return TypedResults.Ok(new LlmConnectionDeletionResponse("LLM connection successfully deleted"));
    }

    private static async Task<Results<Ok<LlmConnectionTestResponse>, BadRequest<ApiError>, NotFound<ApiError>>> TestAsync(
        string id, HttpRequest request, CallerProject caller, SightlineDbContext db, LlmConnectionTester tester, CancellationToken ct)
    {
        string? model = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var (document, bodyProblem) = await JsonBody.ReadAsync(request, 16 * 1024, ct);
            if (document is null)
            {
                return ApiErrors.BadRequest(bodyProblem!);
            }

            using (document)
            {
                if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
                {
                    return ApiErrors.BadRequest("body: must be an object {model?} or empty");
                }

                if (BodyFields.Optional(document.RootElement, "model", LlmConnectionRules.MaxModelNameLength, out model) is { } problem)
                {
                    return ApiErrors.BadRequest(problem);
                }
            }
        }

        var row = await db.LlmConnections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.ProjectId == caller.ProjectId, ct);
        if (row is null)
        {
            return ApiErrors.NotFound(NotFoundMessage);
        }

        return TypedResults.Ok(await tester.TestAsync(row, model, ct));
    }
}
