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

/// <summary><c>/api/public/organizations/*</c> and project memberships: organization-scoped API keys only.</summary>
public static class OrganizationsEndpoints
{
    public static IEndpointRouteBuilder MapOrganizations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/organizations").WithTags("Organizations").RequireAuthorization(Policies.OrganizationKey);
        group.MapGet("/projects", ListProjectsAsync).WithSummary("Projects of the key's organization.");
        group.MapGet("/apiKeys", ListOrganizationKeysAsync).WithSummary("Organization-scoped API keys of the key's organization.");
        group.MapGet("/memberships", ListOrganizationMembershipsAsync).WithSummary("Members of the key's organization and their roles.");
        group.MapPut("/memberships", UpsertOrganizationMembershipAsync).WithSummary("Add a user to the organization or change their role.");
        group.MapDelete("/memberships", DeleteOrganizationMembershipAsync).WithSummary("Remove a user from the organization.");

        var projects = app.MapGroup("/api/public/projects/{projectId}/memberships").WithTags("Organizations").RequireAuthorization(Policies.OrganizationKey);
        projects.MapGet("/", ListProjectMembershipsAsync).WithSummary("Project-level role overrides of a project.");
        projects.MapPut("/", UpsertProjectMembershipAsync).WithSummary("Give an organization member a project-level role.");
        projects.MapDelete("/", DeleteProjectMembershipAsync).WithSummary("Remove a project-level role override.");
        return app;
    }

    private static async Task<Ok<OrganizationProjectsResponse>> ListProjectsAsync(CallerOrganization caller, SightlineDbContext db, CancellationToken ct)
    {
        var rows = await db.Projects.AsNoTracking().Where(p => p.OrganizationId == caller.OrganizationId).OrderBy(p => p.Name).ToListAsync(ct);
        return TypedResults.Ok(new OrganizationProjectsResponse(
            rows.Select(p => new OrganizationProjectDto(p.Id, p.Name, JsonText.ToElement(p.Metadata), p.CreatedAt, p.UpdatedAt)).ToList()));
    }

    private static async Task<Ok<ApiKeyListResponse>> ListOrganizationKeysAsync(CallerOrganization caller, SightlineDbContext db, CancellationToken ct) =>
        TypedResults.Ok(new ApiKeyListResponse(await OrganizationKeysAsync(db, caller.OrganizationId, ct)));

    internal static Task<List<ApiKeySummaryDto>> OrganizationKeysAsync(SightlineDbContext db, string organizationId, CancellationToken ct) =>
        db.ApiKeys.AsNoTracking()
            .Where(k => k.OrganizationId == organizationId && k.Scope == ApiKeyScope.Organization)
            .OrderBy(k => k.CreatedAt)
            .Select(k => new ApiKeySummaryDto(k.Id, k.CreatedAt, k.ExpiresAt, k.LastUsedAt, k.Note, k.PublicKey, k.DisplaySecretKey))
            .ToListAsync(ct);

    private static async Task<Ok<MembershipsResponse>> ListOrganizationMembershipsAsync(CallerOrganization caller, SightlineDbContext db, CancellationToken ct)
    {
        var rows = await db.OrganizationMemberships.AsNoTracking()
            .Where(m => m.OrganizationId == caller.OrganizationId)
            .OrderBy(m => m.User!.Email)
            .Select(m => new { m.UserId, m.Role, m.User!.Email, m.User.Name })
            .ToListAsync(ct);
        return TypedResults.Ok(new MembershipsResponse(rows.Select(r => new MembershipDto(r.UserId, RoleNames.ToWire(r.Role), r.Email, r.Name)).ToList()));
    }

    private static async Task<Results<Ok<MembershipDto>, BadRequest<ApiError>, NotFound<ApiError>>> UpsertOrganizationMembershipAsync(
        MembershipRequest body, CallerOrganization caller, SightlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (ValidateMembership(body, out var role) is { } problem)
        {
            return problem;
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == body.UserId, ct);
        if (user is null)
        {
            return ApiErrors.NotFound("User not found");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var membership = await db.OrganizationMemberships.FirstOrDefaultAsync(m => m.OrganizationId == caller.OrganizationId && m.UserId == user.Id, ct);
        if (membership is null)
        {
            db.OrganizationMemberships.Add(new OrganizationMembership
            {
                Id = Ids.New(time),
                OrganizationId = caller.OrganizationId,
                UserId = user.Id,
                Role = role,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
        else
        {
            membership.Role = role;
            membership.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new MembershipDto(user.Id, RoleNames.ToWire(role), user.Email, user.Name));
    }

    private static async Task<Results<Ok<MembershipDeletionResponse>, BadRequest<ApiError>, NotFound<ApiError>>> DeleteOrganizationMembershipAsync(
        [Microsoft.AspNetCore.Mvc.FromBody] DeleteMembershipRequest body, CallerOrganization caller, SightlineDbContext db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.UserId))
        {
            return ApiErrors.BadRequest("userId: required");
        }

        var deleted = await db.OrganizationMemberships.Where(m => m.OrganizationId == caller.OrganizationId && m.UserId == body.UserId).ExecuteDeleteAsync(ct);
        return deleted == 0
            ? ApiErrors.NotFound("Membership not found")
            : TypedResults.Ok(new MembershipDeletionResponse("Membership deleted successfully", body.UserId));
    }

    private static async Task<Results<Ok<MembershipsResponse>, NotFound<ApiError>>> ListProjectMembershipsAsync(
        string projectId, CallerOrganization caller, SightlineDbContext db, CancellationToken ct)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == projectId && p.OrganizationId == caller.OrganizationId, ct))
        {
            return ApiErrors.NotFound("Project not found");
        }

        var rows = await db.ProjectMemberships.AsNoTracking()
            .Where(m => m.ProjectId == projectId)
            .OrderBy(m => m.User!.Email)
            .Select(m => new { m.UserId, m.Role, m.User!.Email, m.User.Name })
            .ToListAsync(ct);
        return TypedResults.Ok(new MembershipsResponse(rows.Select(r => new MembershipDto(r.UserId, RoleNames.ToWire(r.Role), r.Email, r.Name)).ToList()));
    }

    private static async Task<Results<Ok<MembershipDto>, BadRequest<ApiError>, NotFound<ApiError>>> UpsertProjectMembershipAsync(
        string projectId, MembershipRequest body, CallerOrganization caller, SightlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (ValidateMembership(body, out var role) is { } problem)
        {
            return problem;
        }

        if (!await db.Projects.AnyAsync(p => p.Id == projectId && p.OrganizationId == caller.OrganizationId, ct))
        {
            return ApiErrors.NotFound("Project not found");
        }

        var orgMembership = await db.OrganizationMemberships.Include(m => m.User)
            .FirstOrDefaultAsync(m => m.OrganizationId == caller.OrganizationId && m.UserId == body.UserId, ct);
        if (orgMembership?.User is null)
        {
            return ApiErrors.NotFound("User is not a member of this organization");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var membership = await db.ProjectMemberships.FirstOrDefaultAsync(m => m.ProjectId == projectId && m.UserId == body.UserId, ct);
        if (membership is null)
        {
            db.ProjectMemberships.Add(new ProjectMembership
            {
                ProjectId = projectId,
                UserId = orgMembership.UserId,
                OrganizationMembershipId = orgMembership.Id,
                Role = role,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
        else
        {
            membership.Role = role;
            membership.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new MembershipDto(orgMembership.UserId, RoleNames.ToWire(role), orgMembership.User.Email, orgMembership.User.Name));
    }

    private static async Task<Results<Ok<MembershipDeletionResponse>, BadRequest<ApiError>, NotFound<ApiError>>> DeleteProjectMembershipAsync(
        string projectId, [Microsoft.AspNetCore.Mvc.FromBody] DeleteMembershipRequest body, CallerOrganization caller, SightlineDbContext db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.UserId))
        {
            return ApiErrors.BadRequest("userId: required");
        }

        if (!await db.Projects.AnyAsync(p => p.Id == projectId && p.OrganizationId == caller.OrganizationId, ct))
        {
            return ApiErrors.NotFound("Project not found");
        }

        var deleted = await db.ProjectMemberships.Where(m => m.ProjectId == projectId && m.UserId == body.UserId).ExecuteDeleteAsync(ct);
        return deleted == 0
            ? ApiErrors.NotFound("Membership not found")
            : TypedResults.Ok(new MembershipDeletionResponse("Membership deleted successfully", body.UserId));
    }

    private static BadRequest<ApiError>? ValidateMembership(MembershipRequest body, out Role role)
    {
        role = default;
        if (string.IsNullOrWhiteSpace(body.UserId))
        {
            return ApiErrors.BadRequest("userId: required");
        }

        return RoleNames.TryParse(body.Role, out role) ? null : ApiErrors.BadRequest("role: one of OWNER, ADMIN, MEMBER, VIEWER");
    }
}
