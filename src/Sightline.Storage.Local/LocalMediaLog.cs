using Microsoft.Extensions.Logging;

namespace Sightline.Storage.Local;

internal static partial class LocalMediaLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} unfinished media upload(s) left in {Directory} by an earlier run")]
    public static partial void IncomingUploadsRemoved(this ILogger logger, int count, string directory);
}
