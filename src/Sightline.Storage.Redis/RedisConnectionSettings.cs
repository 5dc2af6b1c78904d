namespace Sightline.Storage.Redis;

/// <summary>Where Redis/Valkey listens and how to log in.</summary>
public sealed record RedisConnectionSettings(string Host, int Port, string? Username, string? Password, bool Tls, int Database)
{
    /// <summary>The variable an operator set, named in start errors.</summary>
    public string Setting { get; init; } = "REDIS_CONNECTION_STRING";
}
