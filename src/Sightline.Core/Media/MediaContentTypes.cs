using System.Collections.Frozen;

namespace Sightline.Media;

/// <summary>Langfuse's <c>MediaContentType</c> enum: the MIME types accepted for upload, compared exactly.</summary>
internal static class MediaContentTypes
{
    public static readonly IReadOnlyList<string> All =
    [
        "image/png", "image/jpeg", "image/jpg", "image/webp", "image/gif", "image/svg+xml", "image/tiff", "image/bmp",
        "audio/mpeg", "audio/mp3", "audio/wav", "audio/ogg", "audio/oga", "audio/aac", "audio/mp4", "audio/flac",
        "video/mp4", "video/webm",
        "text/plain", "text/html", "text/css", "text/csv",
        "application/pdf", "application/msword", "application/vnd.ms-excel", "application/zip", "application/json",
        "application/xml", "application/octet-stream",
    ];

    private static readonly FrozenSet<string> Known = All.ToFrozenSet(StringComparer.Ordinal);

    // A browser that opens one of these from the server's own origin could run script in it, so downloads of them
    // are served as attachments.
    private static readonly FrozenSet<string> Active = new[] { "text/html", "image/svg+xml", "application/xml", "text/css" }
        .ToFrozenSet(StringComparer.Ordinal);

    public static bool IsKnown(string? contentType) => contentType is not null && Known.Contains(contentType);

    public static bool CanRunScript(string contentType) => Active.Contains(contentType);
}
