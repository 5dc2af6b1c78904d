using Microsoft.Extensions.Logging;

namespace Sightline.Comments;

internal static partial class CommentsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Created a comment on a {ObjectType} in project {ProjectId}")]
    public static partial void CommentCreated(this ILogger logger, string projectId, string objectType);
}
