using Microsoft.Extensions.Logging;

namespace Sightline.Storage.Local;

internal static partial class LocalEventLogLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Event log open in {Directory}: {Segments} segment(s), {BacklogBytes} bytes not yet acknowledged, resuming at {Position}")]
    public static partial void Opened(this ILogger logger, string directory, int segments, long backlogBytes, LogPosition position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cut a torn tail of {DroppedBytes} bytes off event log segment {Path} at offset {Offset}: a write interrupted by a crash, never acknowledged")]
    public static partial void TornTailTruncated(this ILogger logger, string path, long offset, long droppedBytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted consumed event log segment {Segment}")]
    public static partial void ConsumedSegmentDeleted(this ILogger logger, long segment);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event log disk is full; refused {Records} append(s) and rolled back to segment {Segment} offset {Offset}")]
    public static partial void DiskFull(this ILogger logger, Exception exception, int records, long segment, long offset);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Event log writer stopped after a disk error; appends are refused until restart")]
    public static partial void WriterFailed(this ILogger logger, Exception exception);
}
