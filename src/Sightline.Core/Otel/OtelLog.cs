using Microsoft.Extensions.Logging;

namespace Sightline.Otel;

internal static partial class OtelLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an OTLP trace export for project {ProjectId}: {Reason}")]
    public static partial void ExportRejected(this ILogger logger, string projectId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Accepted {Spans} spans as {Events} events for project {ProjectId}")]
    public static partial void ExportAccepted(this ILogger logger, int spans, int events, string projectId);
}
