using Microsoft.Extensions.Logging;

namespace Sightline.Health;

internal static partial class HealthLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Health probe {Probe} failed: {Problem}")]
    public static partial void ProbeFailed(this ILogger logger, string probe, string problem);
}
