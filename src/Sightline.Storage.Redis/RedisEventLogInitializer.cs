using StackExchange.Redis;

namespace Sightline.Storage.Redis;

internal sealed class RedisEventLogInitializer(IConnectionMultiplexer redis, RedisConnectionSettings settings, RedisEventLog log) : IStorageInitializer
{
    public string Name => "Redis event log";

    public async Task InitializeAsync(CancellationToken ct)
    {
        await RedisConnection.PingAsync(redis, settings);
        await log.InitializeAsync(ct);
    }
}
