using Microsoft.Extensions.Logging;

namespace Sightline.Ingestion;

internal static partial class IngestionLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Wrote {Records} log records: {Traces} traces, {Observations} observations, {Scores} scores")]
    public static partial void BatchWritten(this ILogger logger, int records, int traces, int observations, int scores);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Applied a logged deletion of {Requested} traces of project {ProjectId}: {Deleted} were stored")]
    public static partial void TracesDeletedFromLog(this ILogger logger, long deleted, int requested, string projectId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing an ingestion batch failed (attempt {Attempt}); retrying in {BackoffMs} ms")]
    public static partial void BatchFailed(this ILogger logger, Exception exception, int attempt, double backoffMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Set aside an unreadable event log record of {Bytes} bytes in the dead-letter store")]
    public static partial void UnreadableRecord(this ILogger logger, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Rejected} of {Total} events for project {ProjectId}")]
    public static partial void BatchPartlyRejected(this ILogger logger, int rejected, int total, string projectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion refused for project {ProjectId}: {Reason}")]
    public static partial void IngestionRefused(this ILogger logger, string projectId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SDK log for project {ProjectId}: {Log}")]
    public static partial void SdkLog(this ILogger logger, string projectId, string log);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The event log cannot be read or acknowledged; trying again in {DelayMs} ms")]
    public static partial void EventLogUnavailable(this ILogger logger, Exception exception, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Isolated the failing events of a batch: {Written} written, {Poison} set aside")]
    public static partial void IsolationFinished(this ILogger logger, int written, int poison);

    [LoggerMessage(Level = LogLevel.Error, Message = "Set aside event {EventId} ({EventType}) of project {ProjectId} in the dead-letter store: it fails on its own while other events are written")]
    public static partial void EventDeadLettered(this ILogger logger, Exception exception, string eventId, string eventType, string projectId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The ingestion worker stopped unexpectedly; events are accepted but no longer stored until restart")]
    public static partial void WorkerCrashed(this ILogger logger, Exception exception);
}
