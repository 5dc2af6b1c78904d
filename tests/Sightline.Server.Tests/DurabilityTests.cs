using System.Net;
using System.Net.Http.Json;
using System.Text;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

/// <summary>kill -9 at a random moment of a stream of batches: every acknowledged event is there exactly once.</summary>
[Trait(TestProfile.Trait, TestProfile.OwnServers)]
public sealed class DurabilityTests
{
    [Fact]
    public async Task Kill9DuringIngestion_LosesNoAcknowledgedEvent_AndDuplicatesNone()
    {
        var dataDir = SightlineProcess.NewDataDirectory();
        var env = new Dictionary<string, string>
        {
            ["LANGFUSE_INIT_ORG_ID"] = "o",
            ["LANGFUSE_INIT_PROJECT_ID"] = "p",
            ["LANGFUSE_INIT_PROJECT_PUBLIC_KEY"] = "pk-lf-durable",
            ["LANGFUSE_INIT_PROJECT_SECRET_KEY"] = "sk-lf-durable",
        };
        var traceId = Guid.NewGuid().ToString("N");
        var acknowledged = new List<string>();
        await using (var server = await SightlineProcess.StartAsync(env, dataDir))
        {
            using var client = server.CreateClient("pk-lf-durable", "sk-lf-durable");
            using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(Random.Shared.Next(300, 1500)));
            var killer = Task.Run(async () =>
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    await server.KillAsync();
                }
            });

            for (var batch = 0; batch < 10_000 && !server.HasExited; batch++)
            {
                var ids = Enumerable.Range(0, 20).Select(i => $"b{batch}-s{i}").ToList();
                var events = string.Join(",", ids.Select(id =>
                    $$$"""{"id":"{{{id}}}","type":"span-create","timestamp":"2026-01-01T00:00:00Z","body":{"id":"{{{id}}}","traceId":"{{{traceId}}}","name":"{{{id}}}"}}"""));
                try
                {
                    using var response = await client.PostAsync("/api/public/ingestion", new StringContent($"{{\"batch\":[{events}]}}", Encoding.UTF8, "application/json"));
                    if (response.StatusCode == HttpStatusCode.MultiStatus)
                    {
                        acknowledged.AddRange(ids);
                    }
                }
                catch (HttpRequestException)
                {
                    break; // killed mid-request: that batch was never acknowledged
                }
                catch (TaskCanceledException)
                {
                    break;
                }
            }

            await killer;
        }

        Assert.NotEmpty(acknowledged);
        await using var restarted = await SightlineProcess.StartAsync(env, dataDir);
        using var reader = restarted.CreateClient("pk-lf-durable", "sk-lf-durable");
        var trace = await Poll.UntilAsync(reader, $"/api/public/traces/{traceId}",
            t => t.GetProperty("observations").GetArrayLength() >= acknowledged.Count, TimeSpan.FromSeconds(60));

        var stored = trace.GetProperty("observations").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToList();
        Assert.Equal(stored.Count, stored.Distinct().Count());
        Assert.Empty(acknowledged.Except(stored));
        Directory.Delete(dataDir, recursive: true);
    }

    /// <summary>
    /// Score deletions live in the event log: killed right after the deletes were acknowledged, whatever the worker
    /// had applied by then, the restarted server replays the log and neither deleted score comes back, while a score
    /// that was not deleted is there.
    /// </summary>
    [Fact]
    public async Task DeletedScores_StayDeleted_WhenTheLogIsReplayedAfterKill9()
    {
        var dataDir = SightlineProcess.NewDataDirectory();
        var env = new Dictionary<string, string>
        {
            ["LANGFUSE_INIT_ORG_ID"] = "o",
            ["LANGFUSE_INIT_PROJECT_ID"] = "p",
            ["LANGFUSE_INIT_PROJECT_PUBLIC_KEY"] = "pk-lf-durable",
            ["LANGFUSE_INIT_PROJECT_SECRET_KEY"] = "sk-lf-durable",
        };
        await using (var server = await SightlineProcess.StartAsync(env, dataDir))
        {
            using var client = server.CreateClient("pk-lf-durable", "sk-lf-durable");
            foreach (var id in new[] { "stored-then-deleted", "kept" })
            {
                await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/scores", new { id, traceId = "t", name = "quality", value = 0.5 }), HttpStatusCode.OK);
            }

            await Poll.UntilAsync(client, "/api/public/v2/scores", s => s.GetProperty("meta").GetProperty("totalItems").GetInt32() == 2);
            await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/scores", new { id = "written-then-deleted", traceId = "t", name = "quality", value = 0.7 }), HttpStatusCode.OK);
            await Tenant.ReadAsync(await client.DeleteAsync("/api/public/scores/written-then-deleted"), HttpStatusCode.Accepted);
            await Tenant.ReadAsync(await client.DeleteAsync("/api/public/scores/stored-then-deleted"), HttpStatusCode.Accepted);
            await server.KillAsync();
        }

        await using var restarted = await SightlineProcess.StartAsync(env, dataDir);
        using var reader = restarted.CreateClient("pk-lf-durable", "sk-lf-durable");
        // The worker applies the log in order: once a trace sent now is readable, every earlier event is applied.
        await Tenant.ReadAsync(await reader.PostAsync("/api/public/ingestion", new StringContent(
            """{"batch":[{"id":"m","type":"trace-create","timestamp":"2026-01-01T00:00:00Z","body":{"id":"after-restart"}}]}""", Encoding.UTF8, "application/json")), HttpStatusCode.MultiStatus);
        await Poll.UntilAsync(reader, "/api/public/traces/after-restart", timeout: TimeSpan.FromSeconds(60));

        Assert.Equal(["kept"], (await reader.GetOkAsync("/api/public/v2/scores")).Ids());
        Directory.Delete(dataDir, recursive: true);
    }
}
