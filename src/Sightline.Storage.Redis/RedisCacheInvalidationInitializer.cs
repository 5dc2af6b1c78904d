using StackExchange.Redis;

namespace Sightline.Storage.Redis;

internal sealed class RedisCacheInvalidationInitializer(IConnectionMultiplexer redis, RedisConnectionSettings settings, IReadOnlyList<RedisCacheInvalidation> channels) : IStorageInitializer
{
    public string Name => "Redis cache invalidation";

    public async Task InitializeAsync(CancellationToken ct)
    {
        // The first initializer to touch Redis turns an unreachable or refusing server into the one start line.
        await RedisConnection.PingAsync(redis, settings);
        foreach (var channel in channels)
        {
            await channel.StartAsync();
        }
    }
}
