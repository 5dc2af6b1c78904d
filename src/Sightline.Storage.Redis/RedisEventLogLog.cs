using Microsoft.Extensions.Logging;

namespace Sightline.Storage.Redis;

internal static partial class RedisEventLogLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis maxmemory-policy is '{Policy}': under memory pressure Redis may evict queued ingestion work. Fix: set maxmemory-policy noeviction in redis.conf (or CONFIG SET maxmemory-policy noeviction; on a managed Redis, in its parameter group)")]
    public static partial void EvictionPolicyUnsafe(this ILogger logger, string policy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read Redis maxmemory-policy ({Reason}); make sure it is noeviction, or Redis may evict queued ingestion work")]
    public static partial void EvictionPolicyUnknown(this ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event log on Redis stream {Stream} (consumer {Consumer}): {Backlog} bytes not yet acknowledged")]
    public static partial void Opened(this ILogger logger, string stream, string consumer, long backlog);

    [LoggerMessage(Level = LogLevel.Information, Message = "Took over {Count} event log record(s) another worker left unacknowledged for more than {ClaimAfter}")]
    public static partial void Claimed(this ILogger logger, int count, TimeSpan claimAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event log record {EntryId} refers to S3 object {Key}, which is gone; skipping it")]
    public static partial void ObjectMissing(this ILogger logger, string entryId, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete {Count} processed event log object(s) from S3 ({Reason}); they stay as orphans")]
    public static partial void DeleteFailed(this ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting more than {Lease} for another worker to finish merging some of the same {Count} entities")]
    public static partial void MergeLockWaiting(this ILogger logger, int count, TimeSpan lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the merge locks of {Count} entities ({Reason}); another worker may merge them once they expire")]
    public static partial void MergeLockRenewFailed(this ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the merge locks of {Count} entities ({Reason}); they expire on their own")]
    public static partial void MergeLockReleaseFailed(this ILogger logger, int count, string reason);
}
