using Microsoft.Extensions.Logging;

namespace Sightline.Media;

internal static partial class MediaLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Media id {MediaId} of project {ProjectId} is taken by content with another SHA-256; the upload was refused")]
    public static partial void MediaIdCollision(this ILogger logger, string projectId, string mediaId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored media {MediaId} of project {ProjectId}: {Bytes} bytes of {ContentType}")]
    public static partial void UploadStored(this ILogger logger, string projectId, string mediaId, long bytes, string contentType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an upload of media {MediaId} of project {ProjectId}: {Reason}")]
    public static partial void UploadRefused(this ILogger logger, string projectId, string mediaId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a media transfer URL: {Check}")]
    public static partial void TransferUrlRefused(this ILogger logger, MediaUrlCheck check);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store media {MediaId} of project {ProjectId}")]
    public static partial void UploadStoreFailed(this ILogger logger, Exception exception, string projectId, string mediaId);
}
