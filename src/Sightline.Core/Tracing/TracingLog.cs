using Microsoft.Extensions.Logging;

namespace Sightline.Tracing;

internal static partial class TracingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Deleted} of {Requested} requested traces of project {ProjectId}")]
    public static partial void TracesDeleted(this ILogger logger, long deleted, int requested, string projectId);
}
