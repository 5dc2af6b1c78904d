using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Sightline.Storage;

namespace Sightline.Auth;

/// <summary>
/// Resolves key pairs to their project or organization. Hot path of every SDK call, so positive answers are
/// cached briefly; a revocation announced through <see cref="IApiKeyCacheInvalidation"/> evicts the entry at once on
/// this node, and on every other node as soon as the announcement arrives (Redis pub/sub in the scale profile).
/// </summary>
public sealed class ApiKeyAuthenticator : IDisposable
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);
    private const int MaxCachedKeys = 10_000;

    private static readonly Expression<Func<ApiKey, AuthenticatedKey>> AsAuthenticatedKey =
        k => new AuthenticatedKey(k.Id, k.PublicKey, k.Scope, k.OrganizationId, k.ProjectId, k.ExpiresAt);

    private readonly ConcurrentDictionary<string, (AuthenticatedKey Key, DateTimeOffset ExpiresAt)> _bySecretHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (AuthenticatedKey Key, DateTimeOffset ExpiresAt)> _byPublicKey = new(StringComparer.Ordinal);
    private readonly IDbContextFactory<SightlineDbContext> _dbFactory;
    private readonly ApiKeyHasher _hasher;
    private readonly TimeProvider _time;
    private readonly IDisposable _subscription;

    public ApiKeyAuthenticator(IDbContextFactory<SightlineDbContext> dbFactory, ApiKeyHasher hasher, TimeProvider time, IApiKeyCacheInvalidation invalidation)
    {
        _dbFactory = dbFactory;
        _hasher = hasher;
        _time = time;
        _subscription = invalidation.Subscribe(keyId =>
        {
            if (keyId == IApiKeyCacheInvalidation.All)
            {
                EvictAll();
            }
            else
            {
                Evict(keyId);
            }
        });
    }

    /// <summary>
    /// Verifies a public/secret pair. The lookup goes by the secret's hash only; the public key is compared
    /// afterwards in constant time, so an unknown public key and a wrong secret cost the same.
    /// </summary>
    public async ValueTask<AuthenticatedKey?> AuthenticateAsync(string publicKey, string secretKey, CancellationToken ct)
    {
        var hash = _hasher.Hash(secretKey);
        var now = _time.GetUtcNow();
        AuthenticatedKey? key;
        if (_bySecretHash.TryGetValue(hash, out var cached) && cached.ExpiresAt > now)
        {
            key = cached.Key;
        }
        else
        {
            await using var db = await _dbFactory.CreateDbContextAsync(ct);
            key = await db.ApiKeys.AsNoTracking()
                .Where(k => k.SecretKeyHash == hash)
                .Select(AsAuthenticatedKey)
                .FirstOrDefaultAsync(ct);
            if (key is not null)
            {
                Remember(_bySecretHash, hash, key, now);
            }
        }

        if (key is null || !ConstantTime.EqualStrings(key.PublicKey, publicKey) || IsExpired(key, now))
        {
            return null;
        }

        return key;
    }

    /// <summary>Resolves a project public key alone (Bearer auth of the browser SDK, scores only).</summary>
    public async ValueTask<AuthenticatedKey?> AuthenticatePublicKeyAsync(string publicKey, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        if (_byPublicKey.TryGetValue(publicKey, out var cached) && cached.ExpiresAt > now)
        {
            return IsExpired(cached.Key, now) ? null : cached.Key;
        }

        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.PublicKey == publicKey && k.Scope == ApiKeyScope.Project)
            .Select(AsAuthenticatedKey)
            .FirstOrDefaultAsync(ct);
        if (key is null || IsExpired(key, now))
        {
            return null;
        }

        Remember(_byPublicKey, publicKey, key, now);
        return key;
    }

    public void Dispose() => _subscription.Dispose();

    /// <summary>Drops this node's cached answers for a key; other nodes hear of it through <see cref="IApiKeyCacheInvalidation"/>.</summary>
    public void Evict(string keyId)
    {
        foreach (var (hash, entry) in _bySecretHash)
        {
            if (entry.Key.KeyId == keyId)
            {
                _bySecretHash.TryRemove(hash, out _);
            }
        }

        foreach (var (pk, entry) in _byPublicKey)
        {
            if (entry.Key.KeyId == keyId)
            {
                _byPublicKey.TryRemove(pk, out _);
            }
        }
    }

    /// <summary>Drops all of this node's cached answers, e.g. after a project or organization was deleted.</summary>
    public void EvictAll()
    {
        _bySecretHash.Clear();
        _byPublicKey.Clear();
    }

    private static bool IsExpired(AuthenticatedKey key, DateTimeOffset now) =>
        key.ExpiresAt is { } expires && expires <= now.UtcDateTime;

    private static void Remember(
        ConcurrentDictionary<string, (AuthenticatedKey, DateTimeOffset)> cache, string id, AuthenticatedKey key, DateTimeOffset now)
    {
        if (cache.Count >= MaxCachedKeys)
        {
            cache.Clear();
        }

        cache[id] = (key, now + CacheLifetime);
    }
}
