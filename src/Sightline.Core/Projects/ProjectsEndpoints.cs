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

namespace Sightline.Projects;

/// <summary>
/// <c>/api/public/projects</c>: the SDKs' auth check (project key) and project management (organization key).
/// </summary>
public static class ProjectsEndpoints
{
    public static IEndpointRouteBuilder MapProjects(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/projects").WithTags("Projects");
        group.MapGet("/", GetOwnProjectAsync).RequireAuthorization(Policies.ProjectKey)
            .WithSummary("The project of the API key in use (SDKs call this as an auth check).");

        var org = group.MapGroup("/").RequireAuthorization(Policies.OrganizationKey);
        org.MapPost("/", CreateProjectAsync).WithSummary("Create a project in the key's organization (organization key).");
        org.MapPut("/{projectId}", UpdateProjectAsync).WithSummary("Rename a project or change its metadata and retention (organization key).");
        org.MapDelete("/{projectId}", DeleteProjectAsync).WithSummary("Delete a project and all its data (organization key).");
        org.MapGet("/{projectId}/apiKeys", ListApiKeysAsync).WithSummary("List a project's API keys, secrets shown as hints (organization key).");
        org.MapPost("/{projectId}/apiKeys", CreateApiKeyAsync).WithSummary("Create a project API key; the secret is returned only here (organization key).");
        org.MapDelete("/{projectId}/apiKeys/{apiKeyId}", DeleteApiKeyAsync).WithSummary("Revoke a project API key (organization key).");
        return app;
    }

    private static async Task<Ok<ProjectListResponse>> GetOwnProjectAsync(CallerProject caller, SightlineDbContext db, CancellationToken ct)
    {
        var rows = await db.Projects.AsNoTracking()
            .Where(p => p.Id == caller.ProjectId)
            .Select(p => new { p.Id, p.Name, p.Metadata, p.RetentionDays, OrgId = p.Organization!.Id, OrgName = p.Organization.Name })
            .ToListAsync(ct);
        var data = rows.Select(p => new ProjectDto(p.Id, p.Name, JsonText.ToElement(p.Metadata), new OrganizationRef(p.OrgId, p.OrgName), p.RetentionDays)).ToList();
        return TypedResults.Ok(new ProjectListResponse(data));
    }

    private static async Task<Results<Created<ProjectDto>, BadRequest<ApiError>, Conflict<ApiError>>> CreateProjectAsync(
        CreateProjectRequest body, CallerOrganization caller, SightlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (ProjectRules.Validate(body.Name, body.Metadata, body.Retention) is { } problem)
        {
            return ApiErrors.BadRequest(problem);
        }

        var name = body.Name!.Trim();
        if (await db.Projects.AnyAsync(p => p.OrganizationId == caller.OrganizationId && p.Name == name, ct))
        {
            return ApiErrors.Conflict($"A project named '{name}' already exists in this organization.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var project = new Project
        {
            Id = Ids.New(time),
            OrganizationId = caller.OrganizationId,
            Name = name,
            Metadata = JsonText.FromElement(body.Metadata),
            RetentionDays = ProjectRules.StoredRetention(body.Retention),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Projects.Add(project);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/public/projects/{project.Id}", ToDto(project));
    }

    private static async Task<Results<Ok<ProjectDto>, BadRequest<ApiError>, NotFound<ApiError>, Conflict<ApiError>>> UpdateProjectAsync(
        string projectId, UpdateProjectRequest body, CallerOrganization caller, SightlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (ProjectRules.Validate(body.Name, body.Metadata, body.Retention) is { } problem)
        {
            return ApiErrors.BadRequest(problem);
        }

        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == projectId && p.OrganizationId == caller.OrganizationId, ct);
        if (project is null)
        {
            return ApiErrors.NotFound("Project not found");
        }

        var name = body.Name!.Trim();
        if (name != project.Name && await db.Projects.AnyAsync(p => p.OrganizationId == caller.OrganizationId && p.Name == name, ct))
        {
            return ApiErrors.Conflict($"A project named '{name}' already exists in this organization.");
        }

        project.Name = name;
        if (body.Metadata is not null)
        {
            project.Metadata = JsonText.FromElement(body.Metadata);
        }

        if (body.Retention is not null)
        {
            project.RetentionDays = ProjectRules.StoredRetention(body.Retention);
        }

        project.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(project));
    }

    private static async Task<Results<Accepted<ProjectDeletionResponse>, NotFound<ApiError>>> DeleteProjectAsync(
        string projectId, CallerOrganization caller, SightlineDbContext db, IApiKeyCacheInvalidation keyCache, CancellationToken ct)
    {
        var deleted = await db.Projects.Where(p => p.Id == projectId && p.OrganizationId == caller.OrganizationId).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            return ApiErrors.NotFound("Project not found");
        }

        // Cascades removed the project's keys; cached answers for them must go too.
        await keyCache.PublishAsync(IApiKeyCacheInvalidation.All, ct);
        return TypedResults.Accepted((string?)null, new ProjectDeletionResponse(true, "Project deletion has been initiated and is being processed asynchronously"));
    }

    private static async Task<Results<Ok<ApiKeyListResponse>, NotFound<ApiError>>> ListApiKeysAsync(
        string projectId, CallerOrganization caller, SightlineDbContext db, CancellationToken ct)
    {
        if (!await OwnsProjectAsync(db, caller, projectId, ct))
        {
            return ApiErrors.NotFound("Project not found");
        }

        var keys = await db.ApiKeys.AsNoTracking()
            .Where(k => k.ProjectId == projectId)
            .OrderBy(k => k.CreatedAt)
            .Select(k => new ApiKeySummaryDto(k.Id, k.CreatedAt, k.ExpiresAt, k.LastUsedAt, k.Note, k.PublicKey, k.DisplaySecretKey))
            .ToListAsync(ct);
        return TypedResults.Ok(new ApiKeyListResponse(keys));
    }

    private static async Task<Results<Created<CreatedApiKeyDto>, BadRequest<ApiError>, NotFound<ApiError>, Conflict<ApiError>>> CreateApiKeyAsync(
        string projectId, CreateApiKeyRequest? body, CallerOrganization caller, SightlineDbContext db, ApiKeyService apiKeys, CancellationToken ct)
    {
        if (!await OwnsProjectAsync(db, caller, projectId, ct))
        {
            return ApiErrors.NotFound("Project not found");
        }

        return await ApiKeyEndpoints.CreateAsync(body, caller.OrganizationId, projectId, db, apiKeys, ct);
    }

    private static async Task<Results<Ok<SuccessResponse>, NotFound<ApiError>>> DeleteApiKeyAsync(
        string projectId, string apiKeyId, CallerOrganization caller, SightlineDbContext db, ApiKeyService apiKeys, CancellationToken ct)
    {
        var revoked = await apiKeys.RevokeAsync(db, apiKeyId, k => k.ProjectId == projectId && k.OrganizationId == caller.OrganizationId, ct);
        return revoked ? TypedResults.Ok(new SuccessResponse(true)) : ApiErrors.NotFound("API key not found");
    }

    private static Task<bool> OwnsProjectAsync(SightlineDbContext db, CallerOrganization caller, string projectId, CancellationToken ct) =>
        db.Projects.AnyAsync(p => p.Id == projectId && p.OrganizationId == caller.OrganizationId, ct);

    private static ProjectDto ToDto(Project p) => new(p.Id, p.Name, JsonText.ToElement(p.Metadata), null, p.RetentionDays);
}
