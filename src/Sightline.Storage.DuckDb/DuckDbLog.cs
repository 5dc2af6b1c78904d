using Microsoft.Extensions.Logging;

namespace Sightline.Storage.DuckDb;

internal static partial class DuckDbLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Opened analytics store {Path} (memory limit {MemoryLimitBytes} bytes, {Threads} threads)")]
    public static partial void Opened(this ILogger logger, string path, long memoryLimitBytes, int threads);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not lower the scheduling priority of the analytics store's threads; they run at normal priority")]
    public static partial void PriorityNotLowered(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied analytics schema step {Step}")]
    public static partial void SchemaStepApplied(this ILogger logger, string step);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {Keys} stored analytics keys into the key filters ({FilterBytes} bytes) in {ElapsedMs:0} ms")]
    public static partial void StoredKeysLoaded(this ILogger logger, long keys, long filterBytes, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the stored analytics keys failed; every ingested key is looked up in the tables instead")]
    public static partial void StoredKeysLoadFailed(this ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics store health check failed")]
    public static partial void HealthCheckFailed(this ILogger logger, Exception exception);
}
