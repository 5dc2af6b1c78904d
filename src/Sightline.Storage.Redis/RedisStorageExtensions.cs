using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sightline.Auth;
using Sightline.Health;
using Sightline.Ingestion;
using Sightline.Prompts;
using Sightline.Storage.S3;
using StackExchange.Redis;

namespace Sightline.Storage.Redis;

public static class RedisStorageExtensions
{
    /// <summary>The process's Redis connection (shared by the event log and cache invalidation).</summary>
    public static IServiceCollection AddRedisConnection(this IServiceCollection services, RedisConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddSingleton<IConnectionMultiplexer>(_ => RedisConnection.Connect(settings));
        return services;
    }

    /// <summary>
    /// Invalidation of the prompt and API key caches relayed to every node through Redis pub/sub, one channel each.
    /// Needs <see cref="AddRedisConnection"/>.
    /// </summary>
    public static IServiceCollection AddRedisCacheInvalidation(this IServiceCollection services, string keyPrefix)
    {
        foreach (var channel in new[] { RedisCacheInvalidation.PromptsChannel, RedisCacheInvalidation.ApiKeysChannel })
        {
            services.AddKeyedSingleton(channel, (sp, _) => new RedisCacheInvalidation(sp.GetRequiredService<IConnectionMultiplexer>(), keyPrefix + channel));
        }

        services.AddSingleton<IPromptCacheInvalidation>(sp => sp.GetRequiredKeyedService<RedisCacheInvalidation>(RedisCacheInvalidation.PromptsChannel));
        services.AddSingleton<IApiKeyCacheInvalidation>(sp => sp.GetRequiredKeyedService<RedisCacheInvalidation>(RedisCacheInvalidation.ApiKeysChannel));
        services.AddSingleton<IStorageInitializer>(sp => new RedisCacheInvalidationInitializer(
            sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<RedisConnectionSettings>(),
            [sp.GetRequiredKeyedService<RedisCacheInvalidation>(RedisCacheInvalidation.PromptsChannel), sp.GetRequiredKeyedService<RedisCacheInvalidation>(RedisCacheInvalidation.ApiKeysChannel)]));
        return services;
    }

    /// <summary>
    /// Event log of the scale profile: each accepted batch as an S3 object in <paramref name="bucket"/>, referenced from
    /// a Redis stream the workers consume through a consumer group. Needs <see cref="AddRedisConnection"/>.
    /// </summary>
    public static IServiceCollection AddRedisEventLog(this IServiceCollection services, S3BucketOptions bucket, RedisEventLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(sp => new RedisEventLog(
            sp.GetRequiredService<IConnectionMultiplexer>(),
            S3Objects.Create(bucket),
            options,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<RedisEventLog>()));
        services.AddSingleton<IEventLog>(sp => sp.GetRequiredService<RedisEventLog>());
        services.AddSingleton<IEventLogConsumer>(sp => sp.GetRequiredService<RedisEventLog>());
        services.AddSingleton<IStorageInitializer>(sp => new RedisEventLogInitializer(
            sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<RedisConnectionSettings>(), sp.GetRequiredService<RedisEventLog>()));
        services.AddSingleton<IDeadLetterStore>(sp => new S3DeadLetterStore(S3Objects.Create(bucket), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IHealthProbe>(sp => new RedisEventLogHealthProbe(sp.GetRequiredService<IConnectionMultiplexer>()));
        // Workers of several processes share this queue, so their merges of one entity must not overlap.
        services.AddSingleton<IMergeLocks>(sp => new RedisMergeLocks(
            sp.GetRequiredService<IConnectionMultiplexer>(), options.KeyPrefix, options.ClaimAfter, sp.GetRequiredService<ILogger<RedisMergeLocks>>()));
        return services;
    }
}
