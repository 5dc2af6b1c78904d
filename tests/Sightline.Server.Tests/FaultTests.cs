using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sightline.Server.Tests;

/// <summary>
/// The scale profile's engines failing under ingestion: Redis restarted, ClickHouse refusing connections for 30 s. In
/// each case every event the API acknowledged ends up stored exactly once. (A worker killed mid-batch is
/// <see cref="RoleSplitTests"/>.) Each test has engines of its own where it breaks one, so the other tests of the run
/// are not disturbed.
/// </summary>
[Trait(TestProfile.Trait, TestProfile.ScaleRunOnly)]
public sealed class FaultTests(ITestOutputHelper output)
{
    private const string AdminKey = "fault-admin-key-0123456789abcdef";
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RedisRestartedMidIngestion_EveryAcknowledgedEventIsStoredOnce()
    {
        await using var redis = await DedicatedRedis.StartAsync();
        await using var stores = await ScaleStores.CreateAsync(redisUrl: redis.Url);
        await using var server = await SightlineProcess.StartAsync(stores.With(new Dictionary<string, string> { ["ADMIN_API_KEY"] = AdminKey }), null, "--role", "all");
        var tenant = await Tenant.CreateAsync(server, AdminKey);
        using var client = server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var load = new IngestionLoad(client, "redis-" + Guid.NewGuid().ToString("N")[..8]);

        using var stop = new CancellationTokenSource();
        var loading = load.RunAsync(senders: 2, stop.Token);
        await Poll.UntilTrueAsync(() => Task.FromResult(load.AcknowledgedCount >= 50), TimeSpan.FromSeconds(30));
        var restart = Stopwatch.StartNew();
        await redis.RestartAsync();
        var restartedIn = restart.Elapsed;
        var beforeRestart = load.AcknowledgedCount;
        // Ingestion recovers by itself once Redis is back: more events get acknowledged.
        await Poll.UntilTrueAsync(() => Task.FromResult(load.AcknowledgedCount >= beforeRestart + 50), TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await loading;

        var stored = await load.StoredAsync(TimeSpan.FromSeconds(60));
        AssertStoredOnce(load, stored);
        // While Redis was away the API refused with 503 and Retry-After (nothing acknowledged, so SDKs retry); never anything else.
        Assert.All(load.Refusals, r => Assert.StartsWith("503:", r, StringComparison.Ordinal));
        Assert.False(server.HasExited, server.StandardError);
        await Poll.UntilAsync(client, "/api/public/health", body => body.GetProperty("status").GetString() == "OK");
        output.WriteLine($"Redis restart took {restartedIn.TotalMilliseconds:F0} ms; {load.AcknowledgedCount} traces acknowledged, {load.Refusals.Count} batches refused, {stored.Count} stored.");
    }

    [Fact]
    public async Task ClickHouseRefusingConnectionsFor30Seconds_IngestionKeepsAcknowledging_AndEveryEventIsStoredOnceAfterwards()
    {
        await using var proxy = new TcpProxy(new Uri(ScaleStores.ClickHouseUrl));
        var viaProxy = new UriBuilder(ScaleStores.ClickHouseUrl) { Port = proxy.Port }.Uri.ToString();
        await using var stores = await ScaleStores.CreateAsync(clickHouseUrl: viaProxy);
        await using var server = await SightlineProcess.StartAsync(stores.With(new Dictionary<string, string> { ["ADMIN_API_KEY"] = AdminKey }), null, "--role", "all");
        var tenant = await Tenant.CreateAsync(server, AdminKey);
        using var client = server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var load = new IngestionLoad(client, "clickhouse-" + Guid.NewGuid().ToString("N")[..8]);
        for (var i = 0; i < 4; i++)
        {
            await load.SendBatchAsync();
        }

        await load.StoredAsync(TimeSpan.FromSeconds(30));

        await proxy.RefuseAsync();
        var outage = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var loading = load.RunAsync(senders: 1, stop.Token);

        // Health names the analytics store while it is away.
        var unhealthy = await UnhealthyAsync(client, TimeSpan.FromSeconds(20));
        Assert.Equal(("ERROR", "Analytics store not available"), unhealthy);
        var acknowledgedDuringOutage = load.AcknowledgedCount;

        await Task.Delay(Outage - outage.Elapsed);
        acknowledgedDuringOutage = load.AcknowledgedCount - acknowledgedDuringOutage;
        proxy.Resume();
        var back = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await loading;

        var stored = await load.StoredAsync(TimeSpan.FromSeconds(60));
        var caughtUpIn = back.Elapsed;
        AssertStoredOnce(load, stored);
        Assert.True(acknowledgedDuringOutage > 0, "nothing was acknowledged while ClickHouse was away");
        // The event log is S3 + Redis: ingestion never needed ClickHouse, so no batch was refused.
        Assert.Empty(load.Refusals);
        Assert.Equal("OK", (await Poll.UntilAsync(client, "/api/public/health", body => body.GetProperty("status").GetString() == "OK", TimeSpan.FromSeconds(30)))
            .GetProperty("status").GetString());
        Assert.False(server.HasExited, server.StandardError);
        output.WriteLine($"{acknowledgedDuringOutage} traces acknowledged during the {Outage.TotalSeconds} s outage; all {load.AcknowledgedCount} stored {caughtUpIn.TotalSeconds:F1} s after ClickHouse came back.");
    }

    private static async Task<(string? Status, string? Message)> UnhealthyAsync(HttpClient client, TimeSpan timeout)
    {
        (string?, string?) last = default;
        await Poll.UntilTrueAsync(async () =>
        {
            using var response = await client.GetAsync("/api/public/health");
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var root = doc.RootElement;
            last = (root.GetProperty("status").GetString(), root.TryGetProperty("message", out var m) ? m.GetString() : null);
            return response.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, timeout);
        return last;
    }

    private static void AssertStoredOnce(IngestionLoad load, Dictionary<string, int> stored)
    {
        Assert.NotEmpty(load.Acknowledged);
        var missing = load.Acknowledged.Where(id => !stored.ContainsKey(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged traces are not stored, e.g. {string.Join(", ", missing.Take(5))}");
        var twice = stored.Where(s => s.Value != 1).Select(s => $"{s.Key} x{s.Value}").ToList();
        Assert.True(twice.Count == 0, $"traces listed more than once: {string.Join(", ", twice.Take(5))}");
        // Anything else listed was sent by this load (refused batches may have been stored before the refusal).
        Assert.Subset(load.Sent, stored.Keys.ToHashSet(StringComparer.Ordinal));
    }
}
