using Amazon.Runtime;
using Amazon.S3;

namespace Sightline.Server.Tests.Infrastructure;

/// <summary>
/// The S3-compatible server the test command starts (s3rver through <c>eng/test-s3.sh</c>, endpoint in
/// <c>SIGHTLINE_TEST_S3</c>). Each caller creates a bucket of its own.
/// </summary>
internal static class TestS3
{
    /// <summary>s3rver's fixed credentials.</summary>
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    public static Uri Endpoint =>
        Environment.GetEnvironmentVariable("SIGHTLINE_TEST_S3") is { Length: > 0 } value
            ? new Uri(value)
            : throw new InvalidOperationException(
                "SIGHTLINE_TEST_S3 is not set: these tests need the S3-compatible server that ./test.sh starts (eng/test-s3.sh start <dir> prints its endpoint).");

    public static AmazonS3Client Client() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = Endpoint.AbsoluteUri,
        AuthenticationRegion = "us-east-1",
        ForcePathStyle = true,
        UseHttp = true,
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    public static async Task<string> CreateBucketAsync(string purpose)
    {
        var name = $"{purpose}-{Guid.NewGuid():N}";
        using var client = Client();
        await client.PutBucketAsync(name);
        return name;
    }

    /// <summary>The <c>LANGFUSE_S3_{kind}_UPLOAD_*</c> settings for <paramref name="bucket"/> on the test server.</summary>
    public static Dictionary<string, string> Settings(string kind, string bucket, string prefix = "") => new()
    {
        [$"LANGFUSE_S3_{kind}_UPLOAD_BUCKET"] = bucket,
        [$"LANGFUSE_S3_{kind}_UPLOAD_REGION"] = "us-east-1",
        [$"LANGFUSE_S3_{kind}_UPLOAD_ENDPOINT"] = Endpoint.AbsoluteUri,
        [$"LANGFUSE_S3_{kind}_UPLOAD_ACCESS_KEY_ID"] = AccessKey,
        [$"LANGFUSE_S3_{kind}_UPLOAD_SECRET_ACCESS_KEY"] = SecretKey,
        [$"LANGFUSE_S3_{kind}_UPLOAD_FORCE_PATH_STYLE"] = "true",
        [$"LANGFUSE_S3_{kind}_UPLOAD_PREFIX"] = prefix,
    };
}
