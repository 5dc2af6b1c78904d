namespace Sightline.Server.Configuration;

/// <summary>One S3-compatible bucket, read from <c>LANGFUSE_S3_{EVENT|MEDIA}_UPLOAD_*</c>.</summary>
internal sealed record S3Settings(
    string Bucket,
    string Region,
    Uri? Endpoint,
    string? AccessKeyId,
    string? SecretAccessKey,
    bool ForcePathStyle,
    string Prefix)
{
    public static S3Settings? Read(SettingsReader reader, string prefix)
    {
        var bucket = reader.Get(prefix + "BUCKET");
        var region = reader.Get(prefix + "REGION");
        var endpointText = reader.Get(prefix + "ENDPOINT");
        var accessKey = reader.Get(prefix + "ACCESS_KEY_ID");
        var secretKey = reader.Get(prefix + "SECRET_ACCESS_KEY");
        var anySet = bucket is not null || region is not null || endpointText is not null || accessKey is not null || secretKey is not null;
        if (!anySet)
        {
            return null;
        }

        if (bucket is null)
        {
            reader.Errors.Add(prefix + "BUCKET", "is not set, but other " + prefix + "* variables are.", "set it to the bucket name, or unset the other " + prefix + "* variables.");
        }

        if (region is null)
        {
            reader.Errors.Add(prefix + "REGION", "is not set; S3 requests cannot be signed without a region.",
                "set it to the bucket's region, e.g. us-east-1 (MinIO and most S3-compatible servers accept us-east-1; Cloudflare R2 uses auto).");
        }

        Uri? endpoint = null;
        if (endpointText is not null
            && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https") || endpoint.Host.Length == 0))
        {
            reader.Errors.Add(prefix + "ENDPOINT", "is not an absolute http(s) URL.",
                "set it to the server's base URL, e.g. http://minio:9000 or https://<account>.r2.cloudflarestorage.com, or unset it for AWS S3.");
            endpoint = null;
        }

        if ((accessKey is null) != (secretKey is null))
        {
            var missing = accessKey is null ? "ACCESS_KEY_ID" : "SECRET_ACCESS_KEY";
            reader.Errors.Add(prefix + missing, "is not set, but its partner is.", "set both " + prefix + "ACCESS_KEY_ID and " + prefix + "SECRET_ACCESS_KEY, or neither to use the default AWS credential chain.");
        }

        var forcePathStyle = reader.GetBool(prefix + "FORCE_PATH_STYLE") ?? false;
        return bucket is null || region is null
            ? null
            : new S3Settings(bucket, region, endpoint, accessKey, secretKey, forcePathStyle, reader.Get(prefix + "PREFIX") ?? string.Empty);
    }

    public Sightline.Storage.S3.S3BucketOptions ToOptions(string settingPrefix) => new()
    {
        Bucket = Bucket,
        Region = Region,
        Endpoint = Endpoint,
        AccessKeyId = AccessKeyId,
        SecretAccessKey = SecretAccessKey,
        ForcePathStyle = ForcePathStyle,
        Prefix = Prefix,
        SettingPrefix = settingPrefix,
    };
}
