namespace Sightline.Storage.Redis;

/// <summary>Naming and sizing of the scale profile's event log (S3 objects referenced from a Redis stream).</summary>
public sealed record RedisEventLogOptions
{
    /// <summary>Prefix of every Redis key the log uses; nodes of one deployment share it.</summary>
    public string KeyPrefix { get; init; } = "sightline:";

    /// <summary>This process's name in the consumer group; stable across restarts so its own unacknowledged records come back first.</summary>
    public string ConsumerName { get; init; } = Environment.MachineName;

    /// <summary>
    /// Records another consumer read but left unacknowledged this long are taken over (the consumer is presumed dead);
    /// also the lease of the merge locks, which a live worker renews and a dead one lets expire.
    /// </summary>
    public TimeSpan ClaimAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Appends are refused (503 to the SDK) while this many bytes wait for the workers.</summary>
    public long MaxBacklogBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>How often a waiting reader looks at the stream when no append notification arrives.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    internal string StreamKey => KeyPrefix + "events";

    internal string BacklogKey => KeyPrefix + "events:backlog-bytes";

    internal string AppendedChannel => KeyPrefix + "events:appended";

    internal const string Group = "workers";
}
