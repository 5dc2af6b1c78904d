using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sightline.Projects;

public sealed record OrganizationRef(string Id, string Name);

public sealed record ProjectDto(
    string Id,
    string Name,
    JsonElement Metadata,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OrganizationRef? Organization = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RetentionDays = null);

public sealed record ProjectListResponse(IReadOnlyList<ProjectDto> Data);

public sealed record CreateProjectRequest(string? Name, JsonElement? Metadata, int? Retention);

public sealed record UpdateProjectRequest(string? Name, JsonElement? Metadata, int? Retention);

public sealed record ProjectDeletionResponse(bool Success, string Message);

public sealed record OrganizationProjectDto(string Id, string Name, JsonElement Metadata, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record OrganizationProjectsResponse(IReadOnlyList<OrganizationProjectDto> Projects);

public sealed record ApiKeySummaryDto(
    string Id,
    DateTime CreatedAt,
    DateTime? ExpiresAt,
    DateTime? LastUsedAt,
    string? Note,
    string PublicKey,
    string DisplaySecretKey);

public sealed record ApiKeyListResponse(IReadOnlyList<ApiKeySummaryDto> ApiKeys);

public sealed record CreateApiKeyRequest(string? Note, string? PublicKey, string? SecretKey);

public sealed record CreatedApiKeyDto(string Id, DateTime CreatedAt, string PublicKey, string SecretKey, string DisplaySecretKey, string? Note);

public sealed record SuccessResponse(bool Success);

public sealed record MembershipDto(string UserId, string Role, string Email, string? Name);

public sealed record MembershipsResponse(IReadOnlyList<MembershipDto> Memberships);

public sealed record MembershipRequest(string? UserId, string? Role);

public sealed record DeleteMembershipRequest(string? UserId);

public sealed record MembershipDeletionResponse(string Message, string UserId);

public sealed record OrganizationDto(string Id, string Name, JsonElement Metadata, DateTime CreatedAt);

public sealed record OrganizationListResponse(IReadOnlyList<OrganizationDto> Organizations);

public sealed record OrganizationRequest(string? Name, JsonElement? Metadata);
