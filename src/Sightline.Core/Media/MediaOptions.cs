namespace Sightline.Media;

public sealed class MediaOptions
{
    /// <summary>Langfuse's default for <c>LANGFUSE_S3_MEDIA_MAX_CONTENT_LENGTH</c>.</summary>
    public const long DefaultMaxContentLength = 1_000_000_000;

    /// <summary>Largest accepted object, in bytes (<c>LANGFUSE_S3_MEDIA_MAX_CONTENT_LENGTH</c>).</summary>
    public long MaxContentLength { get; set; } = DefaultMaxContentLength;

    /// <summary>Lifetime of download URLs (<c>LANGFUSE_S3_MEDIA_DOWNLOAD_URL_EXPIRY_SECONDS</c>).</summary>
    public TimeSpan DownloadUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Lifetime of upload URLs; one hour, as in Langfuse.</summary>
    public TimeSpan UploadUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Base of the server's own transfer URLs (<c>NEXTAUTH_URL</c>); when null, the scheme and host of the request
    /// that asked for the URL.
    /// </summary>
    public Uri? PublicUrl { get; set; }
}
