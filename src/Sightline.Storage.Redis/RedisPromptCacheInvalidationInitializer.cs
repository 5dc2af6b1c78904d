using StackExchange.Redis;

namespace Sightline.Storage.Redis;

internal sealed class RedisPromptCacheInvalidationInitializer(IConnectionMultiplexer redis, RedisConnectionSettings settings, RedisPromptCacheInvalidation invalidation) : IStorageInitializer
{
    public string Name => "Redis prompt cache invalidation";

    public async Task InitializeAsync(CancellationToken ct)
    {
        // The first initializer to touch Redis turns an unreachable or refusing server into the one start line.
        await RedisConnection.PingAsync(redis, settings);
        await invalidation.StartAsync();
    }
}
