using Microsoft.Extensions.Logging.Abstractions;
using Sightline.Storage.S3;
using StackExchange.Redis;

namespace Sightline.Storage.Redis.Tests;

/// <summary>An opened <see cref="RedisEventLog"/> with its own connection, closed together, as a process would hold them.</summary>
internal sealed class RedisLogs : IAsyncDisposable
{
    private bool _disposed;

    private RedisLogs(ConnectionMultiplexer redis, RedisEventLog log)
    {
        Redis = redis;
        Log = log;
    }

    public ConnectionMultiplexer Redis { get; }

    public RedisEventLog Log { get; }

    public static async Task<RedisLogs> OpenAsync(S3BucketOptions bucket, RedisEventLogOptions options)
    {
        var redis = RedisConnection.Connect(TestEngines.Redis);
        var log = new RedisEventLog(redis, S3Objects.Create(bucket), options, NullLogger.Instance);
        try
        {
            await new RedisEventLogInitializer(redis, TestEngines.Redis, log).InitializeAsync(CancellationToken.None);
            return new RedisLogs(redis, log);
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await Log.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
