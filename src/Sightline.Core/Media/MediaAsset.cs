namespace Sightline.Media;

/// <summary>
/// One media object of a project (an image, audio clip, PDF…), identified by its content: the id is derived from the
/// SHA-256 of the bytes, so the same bytes uploaded twice in a project are one row and one stored object.
/// </summary>
public sealed class MediaAsset
{
    public required string ProjectId { get; set; }
    /// <summary>First 22 characters of the URL-safe base64 SHA-256 (see <see cref="MediaIds"/>).</summary>
    public required string Id { get; set; }
    /// <summary>Base64 SHA-256 of the bytes, as the SDK announced it (44 characters).</summary>
    public required string Sha256Hash { get; set; }
    public required string ContentType { get; set; }
    public long ContentLength { get; set; }
    /// <summary>The store holding the bytes: a bucket name, or <c>local</c> for the data directory.</summary>
    public required string StorageBucket { get; set; }
    /// <summary>The object's key (path) inside that store.</summary>
    public required string StorageKey { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>When the bytes arrived; null until an upload is reported or received.</summary>
    public DateTime? UploadedAt { get; set; }
    /// <summary>HTTP status of the last upload (200 or 201 = stored); null while none was made.</summary>
    public int? UploadHttpStatus { get; set; }
    public string? UploadHttpError { get; set; }

    public bool IsUploaded => UploadHttpStatus is 200 or 201;
}
