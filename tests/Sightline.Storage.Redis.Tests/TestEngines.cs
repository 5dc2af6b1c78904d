using Amazon.Runtime;
using Amazon.S3;
using Sightline.Storage.S3;

namespace Sightline.Storage.Redis.Tests;

/// <summary>
/// The Redis and S3 servers the test command starts (<c>eng/test-redis.sh</c>, <c>eng/test-s3.sh</c>; addresses in
/// <c>SIGHTLINE_TEST_REDIS</c> and <c>SIGHTLINE_TEST_S3</c>). Missing variables fail the test, never skip it.
/// </summary>
internal static class TestEngines
{
    public static Uri RedisUrl => new(Required("SIGHTLINE_TEST_REDIS", "the Redis server that ./test.sh starts (eng/test-redis.sh start <dir>)"));

    public static Uri S3Endpoint => new(Required("SIGHTLINE_TEST_S3", "the S3-compatible server that ./test.sh starts (eng/test-s3.sh start <dir>)"));

    /// <summary>The directory of the test Redis, for the tests that restart it.</summary>
    public static string RedisDirectory => Required("SIGHTLINE_TEST_REDIS_DIR", "the directory eng/test-redis.sh started Redis in (./test.sh exports it)");

    public static RedisConnectionSettings Redis => new(RedisUrl.Host, RedisUrl.Port, null, null, false, 0);

    public static async Task<S3BucketOptions> CreateBucketAsync()
    {
        var options = new S3BucketOptions
        {
            Bucket = "events-" + Guid.NewGuid().ToString("N"),
            Region = "us-east-1",
            Endpoint = S3Endpoint,
            AccessKeyId = "S3RVER",
            SecretAccessKey = "S3RVER",
            ForcePathStyle = true,
            Prefix = "log/",
        };
        using var client = new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"), new AmazonS3Config
        {
            ServiceURL = S3Endpoint.AbsoluteUri,
            AuthenticationRegion = "us-east-1",
            ForcePathStyle = true,
            UseHttp = true,
        });
        await client.PutBucketAsync(options.Bucket);
        return options;
    }

    private static string Required(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: these tests need {what}.");
}
