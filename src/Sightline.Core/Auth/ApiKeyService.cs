using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sightline.Common;
using Sightline.Storage;

namespace Sightline.Auth;

/// <summary>Creates and revokes key pairs. The plain secret exists only in the creation result.</summary>
public sealed class ApiKeyService(
    ApiKeyHasher hasher, ApiKeyAuthenticator authenticator, IApiKeyCacheInvalidation invalidation, TimeProvider time, ILogger<ApiKeyService> logger)
{
    public sealed record Created(ApiKey Key, string SecretKey);

    /// <summary>
    /// Adds a key pair to an organization (and project, for project keys). A caller-chosen pair is accepted in
    /// any shape (<c>pk-lf-…</c>, <c>lf_pk_…</c>); returns null when its public key is already taken.
    /// </summary>
    public async Task<Created?> CreateAsync(
        SightlineDbContext db, string organizationId, string? projectId, string? note, string? publicKey, string? secretKey, CancellationToken ct)
    {
        if (publicKey is null || secretKey is null)
        {
            (publicKey, secretKey) = ApiKeyHasher.NewKeyPair();
        }

        var hash = hasher.Hash(secretKey);
        if (await db.ApiKeys.AnyAsync(k => k.PublicKey == publicKey || k.SecretKeyHash == hash, ct))
        {
            return null;
        }

        var key = new ApiKey
        {
            Id = Ids.New(time),
            PublicKey = publicKey,
            SecretKeyHash = hash,
            DisplaySecretKey = ApiKeyHasher.DisplayHint(secretKey),
            Note = note,
            Scope = projectId is null ? ApiKeyScope.Organization : ApiKeyScope.Project,
            OrganizationId = organizationId,
            ProjectId = projectId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        logger.ApiKeyCreated(key.Scope, key.Id, publicKey);
        return new Created(key, secretKey);
    }

    /// <summary>
    /// Makes an existing public key verify against <paramref name="secretKey"/>, e.g. after the operator changed
    /// <c>LANGFUSE_INIT_PROJECT_SECRET_KEY</c> or <c>SALT</c>. Returns whether anything changed.
    /// </summary>
    public bool Rehash(ApiKey key, string secretKey)
    {
        var hash = hasher.Hash(secretKey);
        if (key.SecretKeyHash == hash)
        {
            return false;
        }

        key.SecretKeyHash = hash;
        key.DisplaySecretKey = ApiKeyHasher.DisplayHint(secretKey);
        authenticator.Evict(key.Id);
        return true;
    }

    public async Task<bool> RevokeAsync(SightlineDbContext db, string keyId, Func<ApiKey, bool> belongsToCaller, CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, ct);
        if (key is null || !belongsToCaller(key))
        {
            return false;
        }

        db.ApiKeys.Remove(key);
        await db.SaveChangesAsync(ct);
        // Every node, not only this one, must stop accepting the key now rather than when its cache entry expires.
        await invalidation.PublishAsync(key.Id, ct);
        logger.ApiKeyRevoked(key.Id);
        return true;
    }
}
