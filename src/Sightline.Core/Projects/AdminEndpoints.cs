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
/// Self-hosted instance administration (<c>/api/admin/organizations</c>), authorized by <c>ADMIN_API_KEY</c> as a
/// Bearer token: create organizations and hand out the organization-scoped keys that manage projects.
/// </summary>
public static class AdminEndpoints
{
    private const int MaxOrganizationNameLength = 60;

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/organizations").WithTags("Admin").RequireAuthorization(Policies.AdminKey);
        group.MapGet("/", ListAsync).WithSummary("All organizations of this instance.");
        group.MapPost("/", CreateAsync).WithSummary("Create an organization.");
        group.MapGet("/{organizationId}", GetAsync).WithSummary("One organization.");
        group.MapPut("/{organizationId}", UpdateAsync).WithSummary("Rename an organization or change its metadata.");
        group.MapDelete("/{organizationId}", DeleteAsync).WithSummary("Delete an organization; refused while it still has projects.");
        group.MapGet("/{organizationId}/apiKeys", ListKeysAsync).WithSummary("Organization-scoped API keys.");
        group.MapPost("/{organizationId}/apiKeys", CreateKeyAsync).WithSummary("Create an organization-scoped API key; the secret is returned only here.");
        group.MapDelete("/{organizationId}/apiKeys/{apiKeyId}", DeleteKeyAsync).WithSummary("Revoke an organization-scoped API key.");
        return app;
    }

    private static async Task<Ok<OrganizationListResponse>> ListAsync(SightlineDbContext db, CancellationToken ct)
    {
        var rows = await db.Organizations.AsNoTracking().OrderBy(o => o.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(new OrganizationListResponse(rows.Select(ToDto).ToList()));
    }

    private static async Task<Results<Created<OrganizationDto>, BadRequest<ApiError>>> CreateAsync(
        OrganizationRequest body, SightlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (Validate(body) is { } problem)
        {
            return problem;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var org = new Organization { Id = Ids.New(time), Name = body.Name!.Trim(), Metadata = JsonText.FromElement(body.Metadata), CreatedAt = now, UpdatedAt = now };
        db.Organizations.Add(org);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/admin/organizations/{org.Id}", ToDto(org));
    }

    private static async Task<Results<Ok<OrganizationDto>, NotFound<ApiError>>> GetAsync(string organizationId, SightlineDbContext db, CancellationToken ct) =>
        await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, ct) is { } org
            ? TypedResults.Ok(ToDto(org))
            : ApiErrors.NotFound("Organization not found");

    private static async Task<Results<Ok<OrganizationDto>, BadRequest<ApiError>, NotFound<ApiError>>> UpdateAsync(
        string organizationId, OrganizationRequest body, SightlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (Validate(body) is { } problem)
        {
            return problem;
        }

        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == organizationId, ct);
        if (org is null)
        {
            return ApiErrors.NotFound("Organization not found");
        }

        org.Name = body.Name!.Trim();
        if (body.Metadata is not null)
        {
            org.Metadata = JsonText.FromElement(body.Metadata);
        }

        org.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(org));
    }

    private static async Task<Results<Ok<SuccessResponse>, NotFound<ApiError>, BadRequest<ApiError>>> DeleteAsync(
        string organizationId, SightlineDbContext db, IApiKeyCacheInvalidation keyCache, CancellationToken ct)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, ct))
        {
            return ApiErrors.NotFound("Organization not found");
        }

        if (await db.Projects.AnyAsync(p => p.OrganizationId == organizationId, ct))
        {
            return ApiErrors.BadRequest("Cannot delete an organization that still has projects; delete its projects first.");
        }

        await db.Organizations.Where(o => o.Id == organizationId).ExecuteDeleteAsync(ct);
        await keyCache.PublishAsync(IApiKeyCacheInvalidation.All, ct);
        return TypedResults.Ok(new SuccessResponse(true));
    }

    private static async Task<Results<Ok<ApiKeyListResponse>, NotFound<ApiError>>> ListKeysAsync(string organizationId, SightlineDbContext db, CancellationToken ct)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, ct))
        {
            return ApiErrors.NotFound("Organization not found");
        }

        return TypedResults.Ok(new ApiKeyListResponse(await OrganizationsEndpoints.OrganizationKeysAsync(db, organizationId, ct)));
    }

    private static async Task<Results<Created<CreatedApiKeyDto>, BadRequest<ApiError>, NotFound<ApiError>, Conflict<ApiError>>> CreateKeyAsync(
        string organizationId, CreateApiKeyRequest? body, SightlineDbContext db, ApiKeyService apiKeys, CancellationToken ct)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, ct))
        {
            return ApiErrors.NotFound("Organization not found");
        }

        return await ApiKeyEndpoints.CreateAsync(body, organizationId, projectId: null, db, apiKeys, ct);
    }

    private static async Task<Results<Ok<SuccessResponse>, NotFound<ApiError>>> DeleteKeyAsync(
        string organizationId, string apiKeyId, SightlineDbContext db, ApiKeyService apiKeys, CancellationToken ct)
    {
        var revoked = await apiKeys.RevokeAsync(db, apiKeyId, k => k.OrganizationId == organizationId && k.Scope == ApiKeyScope.Organization, ct);
        return revoked ? TypedResults.Ok(new SuccessResponse(true)) : ApiErrors.NotFound("API key not found");
    }

    private static BadRequest<ApiError>? Validate(OrganizationRequest body)
    {
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return ApiErrors.BadRequest("name: required, a non-empty string");
        }

        if (body.Name.Trim().Length > MaxOrganizationNameLength)
        {
            return ApiErrors.BadRequest($"name: at most {MaxOrganizationNameLength} characters");
        }

        return body.Metadata is { ValueKind: not (System.Text.Json.JsonValueKind.Object or System.Text.Json.JsonValueKind.Null) }
            ? ApiErrors.BadRequest("metadata: must be a JSON object")
            : null;
    }

    private static OrganizationDto ToDto(Organization o) => new(o.Id, o.Name, JsonText.ToElement(o.Metadata), o.CreatedAt);
}
