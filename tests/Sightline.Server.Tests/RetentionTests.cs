using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

/// <summary>A project's <c>retention</c> removes its old traces, observations and scores in the background.</summary>
[Trait(TestProfile.Trait, TestProfile.OwnServers)]
public sealed class RetentionTests
{
    [Fact]
    public async Task ProjectWithRetention_LosesDataOlderThanItsDays_KeepsNewerData_AndOtherProjectsKeepEverything()
    {
        await using var server = await SightlineProcess.StartAsync(new Dictionary<string, string>
        {
            ["ADMIN_API_KEY"] = SharedServer.AdminKey,
            ["SIGHTLINE_RETENTION_INTERVAL_SECONDS"] = "1",
        });
        var kept = await Tenant.CreateAsync(server, SharedServer.AdminKey);
        var pruned = await Tenant.CreateAsync(server, SharedServer.AdminKey);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        foreach (var tenant in new[] { kept, pruned })
        {
            using var client = server.CreateClient(tenant.PublicKey, tenant.SecretKey);
            await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/ingestion", new
            {
                batch = new object[]
                {
                    Event("trace-create", new { id = "old", name = "old", timestamp = Iso(now.AddDays(-10)) }, now.AddDays(-10)),
                    Event("span-create", new { id = "old-span", traceId = "old", startTime = Iso(now.AddDays(-10)) }, now.AddDays(-10)),
                    Event("score-create", new { id = "old-score", traceId = "old", name = "q", value = 1, timestamp = Iso(now.AddDays(-10)) }, now.AddDays(-10)),
                    Event("trace-create", new { id = "new", name = "new", timestamp = Iso(now.AddDays(-1)) }, now),
                    Event("span-create", new { id = "new-span", traceId = "new", startTime = Iso(now.AddDays(-1)) }, now),
                },
            }), HttpStatusCode.MultiStatus);
            await Poll.UntilAsync(client, "/api/public/traces/old", t => t.GetProperty("observations").GetArrayLength() == 1 && t.GetProperty("scores").GetArrayLength() == 1);
            await Poll.UntilAsync(client, "/api/public/traces/new", t => t.GetProperty("observations").GetArrayLength() == 1);
        }

        using (var org = server.CreateClient(pruned.OrganizationPublicKey, pruned.OrganizationSecretKey))
        {
            await Tenant.ReadAsync(await org.PutAsJsonAsync($"/api/public/projects/{pruned.ProjectId}", new { name = "pruned-" + pruned.ProjectId, retention = 3 }), HttpStatusCode.OK);
        }

        using var prunedClient = server.CreateClient(pruned.PublicKey, pruned.SecretKey);
        await Poll.UntilTrueAsync(async () => (await prunedClient.GetAsync("/api/public/traces/old")).StatusCode == HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await prunedClient.GetAsync("/api/public/observations/old-span")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await prunedClient.GetAsync("/api/public/v2/scores/old-score")).StatusCode);
        var newer = await Tenant.ReadAsync(await prunedClient.GetAsync("/api/public/traces/new"), HttpStatusCode.OK);
        Assert.Equal("new-span", newer.GetProperty("observations")[0].GetProperty("id").GetString());

        using var keptClient = server.CreateClient(kept.PublicKey, kept.SecretKey);
        var untouched = await Tenant.ReadAsync(await keptClient.GetAsync("/api/public/traces/old"), HttpStatusCode.OK);
        Assert.Equal(1, untouched.GetProperty("scores").GetArrayLength());
    }

    private static object Event(string type, object body, DateTime timestamp) =>
        new { id = Guid.NewGuid().ToString("N"), type, timestamp = Iso(timestamp), body };

    private static string Iso(DateTime time) => time.ToString("O", CultureInfo.InvariantCulture);
}
