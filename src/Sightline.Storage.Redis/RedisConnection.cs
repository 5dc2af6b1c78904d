using StackExchange.Redis;

namespace Sightline.Storage.Redis;

/// <summary>One multiplexed connection per process, shared by the event log, the queue and cache invalidation.</summary>
internal static class RedisConnection
{
    public static ConnectionMultiplexer Connect(RedisConnectionSettings settings)
    {
        var options = new ConfigurationOptions
        {
            EndPoints = { { settings.Host, settings.Port } },
            User = settings.Username,
            Password = settings.Password,
            Ssl = settings.Tls,
            DefaultDatabase = settings.Database,
            // Keep reconnecting through a Redis restart instead of failing for good; start-up checks reachability itself.
            AbortOnConnectFail = false,
            // CONFIG GET maxmemory-policy is an admin command.
            AllowAdmin = true,
            ConnectTimeout = 5000,
            ClientName = "sightline",
        };
        return ConnectionMultiplexer.Connect(options);
    }

    public static async Task PingAsync(IConnectionMultiplexer redis, RedisConnectionSettings settings)
    {
        try
        {
            await redis.GetDatabase().PingAsync();
        }
        catch (RedisException ex)
        {
            var refused = ex.Message.Contains("NOAUTH", StringComparison.Ordinal) || ex.Message.Contains("WRONGPASS", StringComparison.Ordinal);
            throw new RedisStartException(settings.Setting,
                refused
                    ? $"Redis at {settings.Host}:{settings.Port} refused the credentials."
                    : $"Redis at {settings.Host}:{settings.Port} could not be reached ({ex.GetType().Name}).",
                refused
                    ? "check the user name and password (REDIS_AUTH, or the password in REDIS_CONNECTION_STRING)."
                    : "check the host and port, TLS (rediss:// or REDIS_TLS_ENABLED), and that this machine can reach Redis.",
                ex);
        }
    }
}
