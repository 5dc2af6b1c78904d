namespace Sightline.Storage.S3;

/// <summary>One S3-compatible bucket and how to reach it (AWS, MinIO, SeaweedFS, Cloudflare R2...).</summary>
public sealed record S3BucketOptions
{
    public required string Bucket { get; init; }

    /// <summary>Signing region; S3-compatible servers usually accept <c>us-east-1</c>, R2 uses <c>auto</c>.</summary>
    public required string Region { get; init; }

    /// <summary>Base URL of an S3-compatible server; null for AWS S3.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Static credentials; both null to use the default AWS credential chain (instance role, environment...).</summary>
    public string? AccessKeyId { get; init; }

    public string? SecretAccessKey { get; init; }

    /// <summary><c>http://host/bucket/key</c> instead of <c>http://bucket.host/key</c>; MinIO and most self-hosted servers need it.</summary>
    public bool ForcePathStyle { get; init; }

    /// <summary>Prepended to every object key, e.g. <c>media/</c>.</summary>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>The variable family an operator sets for this bucket, named in start errors, e.g. <c>LANGFUSE_S3_MEDIA_UPLOAD_</c>.</summary>
    public string SettingPrefix { get; init; } = "LANGFUSE_S3_";
}
