using Microsoft.Extensions.Logging;

namespace Sightline.Prompts;

internal static partial class PromptsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Created version {Version} ({Type}) of a prompt in project {ProjectId}")]
    public static partial void PromptCreated(this ILogger logger, string projectId, int version, string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} prompt versions in project {ProjectId}")]
    public static partial void PromptVersionsDeleted(this ILogger logger, string projectId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A concurrent create took version {Version} of a prompt in project {ProjectId}; the request was refused")]
    public static partial void ConcurrentPromptCreate(this ILogger logger, Exception exception, string projectId, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A concurrent label change collided with one on version {Version} of a prompt in project {ProjectId}")]
    public static partial void ConcurrentLabelUpdate(this ILogger logger, Exception exception, string projectId, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prompt in project {ProjectId} could not be resolved: {Reason}")]
    public static partial void PromptUnresolvable(this ILogger logger, string projectId, string reason);
}
