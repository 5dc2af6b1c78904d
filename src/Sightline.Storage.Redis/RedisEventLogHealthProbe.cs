using Sightline.Health;
using StackExchange.Redis;

namespace Sightline.Storage.Redis;

internal sealed class RedisEventLogHealthProbe(IConnectionMultiplexer redis) : IHealthProbe
{
    public string Name => "work queue";

    public Task<string?> CheckAsync(CancellationToken ct) =>
        Task.FromResult(redis.IsConnected ? null : "Redis is not connected; ingestion answers 503 until it is back.");
}
