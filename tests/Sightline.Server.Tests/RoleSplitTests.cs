using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amazon.S3.Model;
using Sightline.Server.Tests.Infrastructure;
using StackExchange.Redis;

namespace Sightline.Server.Tests;

/// <summary>
/// <c>--role web</c> and <c>--role worker</c> as separate processes on the real engines: two web nodes and two workers
/// sharing PostgreSQL, ClickHouse, the S3 + Redis event log and Redis pub/sub.
/// </summary>
[Trait(TestProfile.Trait, TestProfile.OwnServers)]
public sealed class RoleSplitTests(SplitDeployment deployment) : IClassFixture<SplitDeployment>
{
    private const int TracesBeforeWorkers = 6;
    private const int Traces = 20;
    private const int EntriesHeldByDeadWorker = 4;

    [Fact]
    public async Task IngestThroughTwoWebs_TwoWorkersOneKilled_EveryEventStoredOnceAndMerged_ReadableFromBothWebs()
    {
        var tenant = await Tenant.CreateAsync(deployment.Web1, SplitDeployment.AdminKey);
        using var web1 = deployment.Web1.CreateClient(tenant.PublicKey, tenant.SecretKey);
        using var web2 = deployment.Web2.CreateClient(tenant.PublicKey, tenant.SecretKey);
        HttpClient[] webs = [web1, web2];
        var run = Guid.NewGuid().ToString("N")[..8];

        // Queued while no worker runs; then a consumer reads some entries and dies without acknowledging them (as a
        // worker killed mid-batch), so they can only be stored if a live worker takes them over.
        for (var i = 0; i < TracesBeforeWorkers; i++)
        {
            await IngestTraceAsync(webs, run, i);
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisEndpoint());
        var held = await redis.GetDatabase().StreamReadGroupAsync(deployment.KeyPrefix + "events", "workers", "dead-worker", StreamPosition.NewMessages, EntriesHeldByDeadWorker);
        Assert.Equal(EntriesHeldByDeadWorker, held.Length);

        var workers = await Task.WhenAll(deployment.StartWorkerAsync("worker-1"), deployment.StartWorkerAsync("worker-2"));
        await using var worker1 = workers[0];
        await using var worker2 = workers[1];
        using (var probe = worker2.CreateClient(tenant.PublicKey, tenant.SecretKey))
        {
            // A worker answers the operator's probes on its port, and nothing else.
            Assert.Equal("OK", (await Tenant.ReadAsync(await probe.GetAsync("/api/public/health"), HttpStatusCode.OK)).GetProperty("status").GetString());
            Assert.Equal("OK", (await Tenant.ReadAsync(await probe.GetAsync("/api/public/ready"), HttpStatusCode.OK)).GetProperty("status").GetString());
            using var api = await probe.GetAsync("/api/public/traces");
            Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        }

        for (var i = TracesBeforeWorkers; i < Traces; i++)
        {
            if (i == (TracesBeforeWorkers + Traces) / 2)
            {
                await worker1.KillAsync();
            }

            await IngestTraceAsync(webs, run, i);
        }

        // Every trace once, with the fields of both of its batches, whichever worker merged which part, from either web.
        foreach (var web in webs)
        {
            var traces = await Poll.UntilAsync(web, "/api/public/traces?limit=100", body =>
                body.GetProperty("data").EnumerateArray().Count(t => t.GetProperty("output").ValueKind == JsonValueKind.String && t.GetProperty("name").ValueKind == JsonValueKind.String) == Traces,
                TimeSpan.FromSeconds(30));
            Assert.Equal(Traces, traces.GetProperty("meta").GetProperty("totalItems").GetInt32());
            var byName = traces.GetProperty("data").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
            Assert.Equal(Enumerable.Range(0, Traces).Select(i => $"split-{i}").Order(StringComparer.Ordinal), byName.Keys.Order(StringComparer.Ordinal));
            foreach (var (name, trace) in byName)
            {
                var i = name["split-".Length..];
                Assert.Equal((TraceId(run, int.Parse(i, System.Globalization.CultureInfo.InvariantCulture)), $"answer-{i}", "create", "update"), (
                    trace.GetProperty("id").GetString(), trace.GetProperty("output").GetString(),
                    trace.GetProperty("metadata").GetProperty("from").GetString(), trace.GetProperty("metadata").GetProperty("via").GetString()));
            }

            var observations = await Poll.UntilAsync(web, "/api/public/observations?limit=100", body =>
                body.GetProperty("data").EnumerateArray().Count(o => o.GetProperty("output").ValueKind == JsonValueKind.String) == Traces, TimeSpan.FromSeconds(30));
            Assert.Equal(Traces, observations.GetProperty("meta").GetProperty("totalItems").GetInt32());
            foreach (var o in observations.GetProperty("data").EnumerateArray())
            {
                var i = o.GetProperty("name").GetString()!["llm-".Length..];
                Assert.Equal(("GENERATION", "gpt-4o", $"q{i}", $"a{i}", TraceId(run, int.Parse(i, System.Globalization.CultureInfo.InvariantCulture))), (
                    o.GetProperty("type").GetString(), o.GetProperty("model").GetString(), o.GetProperty("input").GetString(),
                    o.GetProperty("output").GetString(), o.GetProperty("traceId").GetString()));
                Assert.Equal(JsonValueKind.String, o.GetProperty("endTime").ValueKind);
            }
        }

        // Nothing is left pending (the dead consumers' entries were taken over and acknowledged) and the processed
        // batches are gone from the bucket.
        // The claim interval, the merge-lock lease and a full suite running beside this test all add up: allow a minute.
        await Poll.UntilTrueAsync(async () => (await redis.GetDatabase().StreamPendingAsync(deployment.KeyPrefix + "events", "workers")).PendingMessageCount == 0, TimeSpan.FromSeconds(60));
        using var s3 = TestS3.Client();
        await Poll.UntilTrueAsync(async () => (await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = deployment.EventBucket, Prefix = "events/" })).S3Objects is null or { Count: 0 }, TimeSpan.FromSeconds(30));
        Assert.False(worker2.HasExited);
    }

    [Fact]
    public async Task KeyRevokedThroughOneWeb_IsRefusedByTheOtherWithinTwoSeconds()
    {
        var tenant = await Tenant.CreateAsync(deployment.Web2, SplitDeployment.AdminKey);
        using var org1 = deployment.Web1.CreateClient(tenant.OrganizationPublicKey, tenant.OrganizationSecretKey);
        var key = await Tenant.ReadAsync(await org1.PostAsJsonAsync($"/api/public/projects/{tenant.ProjectId}/apiKeys", new { note = "to revoke" }), HttpStatusCode.Created);
        var (keyId, publicKey, secretKey) = (key.GetProperty("id").GetString()!, key.GetProperty("publicKey").GetString()!, key.GetProperty("secretKey").GetString()!);
        using var viaWeb1 = deployment.Web1.CreateClient(publicKey, secretKey);
        using var viaWeb2 = deployment.Web2.CreateClient(publicKey, secretKey);
        // Both nodes now hold the key in their one-minute cache.
        await Tenant.ReadAsync(await viaWeb1.GetAsync("/api/public/projects"), HttpStatusCode.OK);
        await Tenant.ReadAsync(await viaWeb2.GetAsync("/api/public/projects"), HttpStatusCode.OK);

        await Tenant.ReadAsync(await org1.DeleteAsync($"/api/public/projects/{tenant.ProjectId}/apiKeys/{keyId}"), HttpStatusCode.OK);
        var revokedAt = Stopwatch.StartNew();

        using var onRevokingNode = await viaWeb1.GetAsync("/api/public/projects");
        Assert.Equal(HttpStatusCode.Unauthorized, onRevokingNode.StatusCode);
        await Poll.UntilTrueAsync(async () =>
        {
            using var response = await viaWeb2.GetAsync("/api/public/projects");
            return response.StatusCode == HttpStatusCode.Unauthorized;
        }, TimeSpan.FromSeconds(2));
        Assert.True(revokedAt.Elapsed < TimeSpan.FromSeconds(2), $"the other web node accepted the revoked key for {revokedAt.Elapsed}");
        // The tenant's own key still works on both: only the revoked key was dropped.
        using var stillValid = deployment.Web2.CreateClient(tenant.PublicKey, tenant.SecretKey);
        await Tenant.ReadAsync(await stillValid.GetAsync("/api/public/projects"), HttpStatusCode.OK);
    }

    private static string TraceId(string run, int i) => $"{run}-trace-{i}";

    // A trace and its generation in two batches, sent at once through different web nodes: a create batch and an
    // update batch, each only partly describing the entities, so the stored rows are right only if the two merge.
    private static async Task IngestTraceAsync(HttpClient[] webs, string run, int i)
    {
        var traceId = TraceId(run, i);
        var generationId = $"{run}-generation-{i}";
        var create = $$$"""
            {"batch":[
              {"id":"{{{run}}}-c{{{i}}}","type":"trace-create","timestamp":"2026-02-01T00:00:00.000Z","body":{"id":"{{{traceId}}}","name":"split-{{{i}}}","metadata":{"from":"create"} } },
              {"id":"{{{run}}}-g{{{i}}}","type":"generation-create","timestamp":"2026-02-01T00:00:00.000Z","body":{"id":"{{{generationId}}}","traceId":"{{{traceId}}}","name":"llm-{{{i}}}","startTime":"2026-02-01T00:00:00.000Z","model":"gpt-4o","input":"q{{{i}}}"} }
            ]}
            """;
        var update = $$$"""
            {"batch":[
              {"id":"{{{run}}}-u{{{i}}}","type":"trace-create","timestamp":"2026-02-01T00:00:01.000Z","body":{"id":"{{{traceId}}}","output":"answer-{{{i}}}","metadata":{"via":"update"} } },
              {"id":"{{{run}}}-v{{{i}}}","type":"generation-update","timestamp":"2026-02-01T00:00:01.000Z","body":{"id":"{{{generationId}}}","traceId":"{{{traceId}}}","endTime":"2026-02-01T00:00:01.000Z","output":"a{{{i}}}"} }
            ]}
            """;
        var responses = await Task.WhenAll(
            webs[i % 2].PostAsync("/api/public/ingestion", new StringContent(create, Encoding.UTF8, "application/json")),
            webs[(i + 1) % 2].PostAsync("/api/public/ingestion", new StringContent(update, Encoding.UTF8, "application/json")));
        foreach (var response in responses)
        {
            var body = await Tenant.ReadAsync(response, HttpStatusCode.MultiStatus);
            Assert.Equal(2, body.GetProperty("successes").GetArrayLength());
            Assert.Equal(0, body.GetProperty("errors").GetArrayLength());
            response.Dispose();
        }
    }

    private static string RedisEndpoint()
    {
        var url = new Uri(TestRedis.Url);
        return $"{url.Host}:{url.Port}";
    }
}
