using Microsoft.Extensions.Logging;

namespace Sightline.Scores;

internal static partial class ScoresLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped score event {EventId} of project {ProjectId}: {Problem}")]
    public static partial void ScoreEventDropped(this ILogger logger, string eventId, string projectId, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Deleted} stored score(s) of project {ProjectId}; the deletion is also in the event log")]
    public static partial void ScoreDeleted(this ILogger logger, long deleted, string projectId);
}
