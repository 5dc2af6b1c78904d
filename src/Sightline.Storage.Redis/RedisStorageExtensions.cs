using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

    /// <summary>Prompt cache invalidation relayed to every node through Redis pub/sub. Needs <see cref="AddRedisConnection"/>.</summary>
    public static IServiceCollection AddRedisPromptCacheInvalidation(this IServiceCollection services, string keyPrefix)
    {
        services.AddSingleton(sp => new RedisPromptCacheInvalidation(sp.GetRequiredService<IConnectionMultiplexer>(), keyPrefix));
        services.AddSingleton<IPromptCacheInvalidation>(sp => sp.GetRequiredService<RedisPromptCacheInvalidation>());
        services.AddSingleton<IStorageInitializer>(sp => new RedisPromptCacheInvalidationInitializer(
            sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<RedisConnectionSettings>(), sp.GetRequiredService<RedisPromptCacheInvalidation>()));
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
        return services;
    }
}
