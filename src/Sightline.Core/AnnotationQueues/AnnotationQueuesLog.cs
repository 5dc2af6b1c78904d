using Microsoft.Extensions.Logging;

namespace Sightline.AnnotationQueues;

internal static partial class AnnotationQueuesLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Created annotation queue {QueueId} with {ScoreConfigs} score configs in project {ProjectId}")]
    public static partial void QueueCreated(this ILogger logger, string projectId, string queueId, int scoreConfigs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Assigned a user to annotation queue {QueueId} in project {ProjectId}")]
    public static partial void UserAssigned(this ILogger logger, string projectId, string queueId);
}
