using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Sightline.Bench;

/// <summary>
/// The variables that put a Sightline process on <see cref="ScaleEngines"/>, as an operator would set them
/// (docs/configuration.md), plus the benchmark's project (<see cref="BenchProject"/>). Creates the two buckets the
/// profile needs first: the engines are fresh for the run, so the default PostgreSQL database and a ClickHouse
/// database of the benchmark's own are Sightline's alone.
/// </summary>
internal static class ScaleProfile
{
    public const string ClickHouseDatabase = "sightline_bench";

    // s3rver's fixed credentials (eng/test-s3.sh).
    private const string S3Key = "S3RVER";
    private const string EventBucket = "bench-events";
    private const string MediaBucket = "bench-media";

    public static async Task<Dictionary<string, string>> PrepareAsync(ScaleEngines engines)
    {
        using (var s3 = new AmazonS3Client(new BasicAWSCredentials(S3Key, S3Key), new AmazonS3Config
        {
            ServiceURL = engines.S3.AbsoluteUri,
            AuthenticationRegion = "us-east-1",
            ForcePathStyle = true,
            UseHttp = true,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        }))
        {
            await s3.PutBucketAsync(EventBucket);
            await s3.PutBucketAsync(MediaBucket);
            // s3rver removes a folder when its last object is deleted, and a put racing that removal crashes it (the
            // server test fixtures hit this); an object Sightline never reads keeps the event log's folder in place.
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = EventBucket, Key = "events/keep-folder", ContentBody = "-" });
        }

        var postgres = engines.Postgres.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        var environment = BenchProject.Environment();
        environment["DATABASE_HOST"] = postgres["Host"];
        environment["DATABASE_PORT"] = postgres["Port"];
        environment["DATABASE_USERNAME"] = postgres["Username"];
        environment["DATABASE_PASSWORD"] = postgres["Password"];
        environment["DATABASE_NAME"] = "postgres";
        environment["CLICKHOUSE_URL"] = engines.ClickHouse.AbsoluteUri;
        environment["CLICKHOUSE_DB"] = ClickHouseDatabase;
        environment["REDIS_CONNECTION_STRING"] = engines.Redis;
        foreach (var (kind, bucket) in new[] { ("EVENT", EventBucket), ("MEDIA", MediaBucket) })
        {
            environment[$"LANGFUSE_S3_{kind}_UPLOAD_BUCKET"] = bucket;
            environment[$"LANGFUSE_S3_{kind}_UPLOAD_REGION"] = "us-east-1";
            environment[$"LANGFUSE_S3_{kind}_UPLOAD_ENDPOINT"] = engines.S3.AbsoluteUri;
            environment[$"LANGFUSE_S3_{kind}_UPLOAD_ACCESS_KEY_ID"] = S3Key;
            environment[$"LANGFUSE_S3_{kind}_UPLOAD_SECRET_ACCESS_KEY"] = S3Key;
            environment[$"LANGFUSE_S3_{kind}_UPLOAD_FORCE_PATH_STYLE"] = "true";
        }

        // Fixed and public: these engines live for one run on loopback and hold nothing but generated data.
        environment["SALT"] = "sightline-bench-salt";
        environment["ENCRYPTION_KEY"] = new string('0', 32) + new string('f', 32);
        return environment;
    }
}
