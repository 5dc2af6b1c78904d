using System.Net;
using System.Text;
using Amazon.S3.Model;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

/// <summary>
/// The server with its event log in S3 and its work queue in Redis (<c>LANGFUSE_S3_EVENT_UPLOAD_*</c>,
/// <c>REDIS_CONNECTION_STRING</c>), against the test command's s3rver and Redis.
/// </summary>
[Trait(TestProfile.Trait, TestProfile.OwnServers)]
public sealed class RedisEventLogServerTests
{
    private const string AdminKey = "redis-log-admin-key-0123456789";
    private const string Secrets = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Ingest_GoesThroughS3AndRedis_AndIsReadBack()
    {
        var bucket = await TestS3.CreateBucketAsync("events");
        var env = ScaleEnvironment(bucket);
        await using var server = await SightlineProcess.StartAsync(env);
        var tenant = await Tenant.CreateAsync(server, AdminKey);
        using var client = server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var traceId = Guid.NewGuid().ToString("N");

        var batch = $$$"""{"batch":[{"id":"e1","type":"trace-create","timestamp":"2026-01-01T00:00:00Z","body":{"id":"{{{traceId}}}","name":"via-redis","userId":"u-1"}}]}""";
        await Tenant.ReadAsync(await client.PostAsync("/api/public/ingestion", new StringContent(batch, Encoding.UTF8, "application/json")), HttpStatusCode.MultiStatus);
        var trace = await Poll.UntilAsync(client, $"/api/public/traces/{traceId}", _ => true);

        Assert.Equal("via-redis", trace.GetProperty("name").GetString());
        Assert.Equal("u-1", trace.GetProperty("userId").GetString());
        // Processed records are deleted from the bucket once the worker acknowledged them.
        using var s3 = TestS3.Client();
        await Poll.UntilTrueAsync(async () => (await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "events/" })).S3Objects is null or { Count: 0 });
    }

    [Fact]
    public async Task Start_WithRedisButNoEventBucket_ExitsWithOneLineNamingTheBucketSetting()
    {
        var (exitCode, _, stderr) = await SightlineProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["REDIS_CONNECTION_STRING"] = TestRedis.Url,
            ["SALT"] = "pepper",
            ["ENCRYPTION_KEY"] = Secrets,
        });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("LANGFUSE_S3_EVENT_UPLOAD_BUCKET", line, StringComparison.Ordinal);
        Assert.Contains("Fix:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithUnreachableRedis_ExitsWithOneLineNamingRedis()
    {
        var env = ScaleEnvironment(await TestS3.CreateBucketAsync("events"));
        env["REDIS_CONNECTION_STRING"] = "redis://127.0.0.1:1";

        var (exitCode, _, stderr) = await SightlineProcess.RunToExitAsync(env);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("REDIS_CONNECTION_STRING", line, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1", line, StringComparison.Ordinal);
    }

    internal static Dictionary<string, string> ScaleEnvironment(string bucket)
    {
        var env = TestS3.Settings("EVENT", bucket);
        env["REDIS_CONNECTION_STRING"] = TestRedis.Url;
        env["SALT"] = "pepper";
        env["ENCRYPTION_KEY"] = Secrets;
        env["ADMIN_API_KEY"] = AdminKey;
        // Every test server is its own node: its own key prefix keeps its queue apart from the other tests'.
        env["SIGHTLINE_REDIS_KEY_PREFIX"] = "test-" + Guid.NewGuid().ToString("N") + ":";
        return env;
    }
}
