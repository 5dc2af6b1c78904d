using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Sightline.Api;
using Sightline.Auth;
using Sightline.Storage;

namespace Sightline.Projects;

/// <summary>Key creation shared by the project-key and organization-key routes.</summary>
internal static class ApiKeyEndpoints
{
    public static async Task<Results<Created<CreatedApiKeyDto>, BadRequest<ApiError>, NotFound<ApiError>, Conflict<ApiError>>> CreateAsync(
        CreateApiKeyRequest? body, string organizationId, string? projectId, SightlineDbContext db, ApiKeyService apiKeys, CancellationToken ct)
    {
        var publicKey = body?.PublicKey;
        var secretKey = body?.SecretKey;
        if ((publicKey is null) != (secretKey is null))
        {
            return ApiErrors.BadRequest(publicKey is null ? "publicKey: required when secretKey is given" : "secretKey: required when publicKey is given");
        }

        if (publicKey is not null && (!publicKey.StartsWith("pk-lf-", StringComparison.Ordinal) || !secretKey!.StartsWith("sk-lf-", StringComparison.Ordinal)))
        {
            return ApiErrors.BadRequest("publicKey/secretKey: predefined keys must start with pk-lf- and sk-lf-");
        }

        if (body?.Note is { Length: > 500 })
        {
            return ApiErrors.BadRequest("note: at most 500 characters");
        }

        var created = await apiKeys.CreateAsync(db, organizationId, projectId, body?.Note, publicKey, secretKey, ct);
        if (created is null)
        {
            return ApiErrors.Conflict("publicKey: an API key with this public or secret key already exists");
        }

        var k = created.Key;
        var location = projectId is null ? $"/api/admin/organizations/{organizationId}/apiKeys" : $"/api/public/projects/{projectId}/apiKeys";
        return TypedResults.Created(location, new CreatedApiKeyDto(k.Id, k.CreatedAt, k.PublicKey, created.SecretKey, k.DisplaySecretKey, k.Note));
    }
}
