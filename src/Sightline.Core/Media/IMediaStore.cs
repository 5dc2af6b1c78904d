namespace Sightline.Media;

/// <summary>
/// Where media bytes live: a directory (embedded profile) or an S3-compatible bucket (scale profile). A store that
/// can hand out presigned URLs returns them, and clients move the bytes directly; a store that cannot returns null,
/// and the server carries the bytes itself through its signed <c>/api/public/media/upload|download/{token}</c> URLs,
/// using <see cref="WriteAsync"/> and <see cref="OpenReadAsync"/>.
/// </summary>
public interface IMediaStore
{
    /// <summary>Name recorded with each media row: the bucket, or <c>local</c> for the data directory.</summary>
    string Bucket { get; }

    /// <summary>The object key for a media item; the same for the same project and media id.</summary>
    string KeyFor(string projectId, string mediaId, string contentType);

    /// <summary>
    /// A URL the client may PUT exactly these bytes to (with <c>Content-Type</c> and <c>x-amz-checksum-sha256</c>)
    /// until <paramref name="expiresAt"/>, or null when uploads go through the server.
    /// </summary>
    ValueTask<Uri?> PresignUploadAsync(MediaObject media, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>A URL anyone holding it may GET the object from until <paramref name="expiresAt"/>, or null when downloads go through the server.</summary>
    ValueTask<Uri?> PresignDownloadAsync(MediaObject media, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the body under <see cref="MediaObject.Key"/> if and only if it has exactly the announced length and
    /// SHA-256; a partial or mismatched body never becomes visible, and a stored object is replaced atomically.
    /// </summary>
    Task<MediaWriteResult> WriteAsync(MediaObject media, Stream content, CancellationToken cancellationToken);

    /// <summary>The object's bytes, or null when nothing is stored under the key.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);
}
