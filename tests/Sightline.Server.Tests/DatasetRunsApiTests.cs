using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

/// <summary>
/// Dataset runs through the public API: run items linking traces and observations to items, runs created on first
/// use, reading, listing and deleting runs, and run-level scores.
/// </summary>
public sealed class DatasetRunsApiTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private const string RunItems = "/api/public/dataset-run-items";

    private async Task<HttpClient> ClientAsync()
    {
        var tenant = await Tenant.CreateAsync(shared.Server, SharedServer.AdminKey);
        return shared.Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
    }

    private static async Task<JsonElement> PostOkAsync(HttpClient client, string path, object body) =>
        await Tenant.ReadAsync(await client.PostAsJsonAsync(path, body), HttpStatusCode.OK);

    private static string Raw(JsonElement element) => JsonSerializer.Serialize(element);

    /// <summary>A dataset "qa" with items q1, q2 (active) and q3 (archived), and traces t1 (with observation t1-gen) and t2.</summary>
    private static async Task<string> SeedAsync(HttpClient client)
    {
        var dataset = await PostOkAsync(client, "/api/public/v2/datasets", new { name = "qa" });
        await PostOkAsync(client, "/api/public/dataset-items", new { datasetName = "qa", id = "q1", input = "one" });
        await PostOkAsync(client, "/api/public/dataset-items", new { datasetName = "qa", id = "q2", input = "two" });
        await PostOkAsync(client, "/api/public/dataset-items", new { datasetName = "qa", id = "q3", input = "three", status = "ARCHIVED" });
        await ReadApiServer.IngestAsync(client, """
            {"batch":[
            {"id":"e1","type":"trace-create","timestamp":"2026-02-01T10:00:00Z","body":{"id":"t1","name":"run"}},
            {"id":"e2","type":"generation-create","timestamp":"2026-02-01T10:00:00Z","body":{"id":"t1-gen","traceId":"t1","startTime":"2026-02-01T10:00:00Z","endTime":"2026-02-01T10:00:01Z"}},
            {"id":"e3","type":"trace-create","timestamp":"2026-02-01T10:01:00Z","body":{"id":"t2","name":"run"}}
            ]}
            """);
        await Poll.UntilAsync(client, "/api/public/observations/t1-gen");
        await Poll.UntilAsync(client, "/api/public/traces/t2");
        return dataset.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task RunItems_CreateTheRunOnFirstUseAndReadBack()
    {
        using var client = await ClientAsync();
        var datasetId = await SeedAsync(client);

        var first = await PostOkAsync(client, RunItems, new { runName = "exp/1", runDescription = "baseline", metadata = new { model = "a" }, datasetItemId = "q1", traceId = "t1" });
        // Only the observation: its trace is looked up.
        var second = await PostOkAsync(client, RunItems, new { runName = "exp/1", datasetItemId = "q2", observationId = "t1-gen" });
        var third = await PostOkAsync(client, RunItems, new { runName = "exp/1", metadata = new { model = "b" }, datasetItemId = "q2", traceId = "t2", createdAt = "2030-01-01T00:00:00Z" });

        Assert.Equal(("exp/1", "q1", "t1", JsonValueKind.Null), (first.GetProperty("datasetRunName").GetString(), first.GetProperty("datasetItemId").GetString(),
            first.GetProperty("traceId").GetString(), first.GetProperty("observationId").ValueKind));
        Assert.Equal(("t1", "t1-gen"), (second.GetProperty("traceId").GetString(), second.GetProperty("observationId").GetString()));
        var runId = first.GetProperty("datasetRunId").GetString();
        Assert.Equal([runId, runId], new[] { second, third }.Select(r => r.GetProperty("datasetRunId").GetString()));
        Assert.Equal("2030-01-01T00:00:00.000Z", third.GetProperty("createdAt").GetString());

        var run = await client.GetOkAsync($"/api/public/datasets/qa/runs/{Uri.EscapeDataString("exp/1")}");
        Assert.Equal((runId, "exp/1", "baseline", "qa", datasetId), (run.GetProperty("id").GetString(), run.GetProperty("name").GetString(),
            run.GetProperty("description").GetString(), run.GetProperty("datasetName").GetString(), run.GetProperty("datasetId").GetString()));
        Assert.Equal("""{"model":"b"}""", Raw(run.GetProperty("metadata")));
        Assert.Equal(new[] { third, second, first }.Select(r => r.GetProperty("id").GetString()),
            run.GetProperty("datasetRunItems").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(["exp/1"], (await client.GetOkAsync("/api/public/datasets/qa")).GetProperty("runs").EnumerateArray().Select(r => r.GetString()));

        var page = await client.GetOkAsync($"{RunItems}?datasetId={datasetId}&runName={Uri.EscapeDataString("exp/1")}&limit=2&page=2");
        Assert.Equal((2, 2, 3L, 2L), page.Meta());
        Assert.Equal([first.GetProperty("id").GetString()!], page.Ids());
        Assert.Equal("exp/1", page.GetProperty("data")[0].GetProperty("datasetRunName").GetString());
    }

    [Fact]
    public async Task RunItems_BadRequestsAndMissingTargets_AreRefused()
    {
        using var client = await ClientAsync();
        var datasetId = await SeedAsync(client);

        async Task<string> BadAsync(object body, string field)
        {
            var answer = await Tenant.ReadAsync(await client.PostAsJsonAsync(RunItems, body), HttpStatusCode.BadRequest);
            var message = answer.GetProperty("message").GetString()!;
            Assert.StartsWith(field, message, StringComparison.Ordinal);
            return message;
        }

        await BadAsync(new { runName = "r", datasetItemId = "q1" }, "traceId");
        await BadAsync(new { datasetItemId = "q1", traceId = "t1" }, "runName");
        await BadAsync(new { runName = "r", traceId = "t1" }, "datasetItemId");
        await BadAsync(new { runName = "r", datasetItemId = "q1", traceId = "t1", createdAt = "2026-01-01" }, "createdAt");
        async Task<string> MissingAsync(object body) =>
            (await Tenant.ReadAsync(await client.PostAsJsonAsync(RunItems, body), HttpStatusCode.NotFound)).GetProperty("message").GetString()!;
        Assert.Equal("Dataset item not found", await MissingAsync(new { runName = "r", datasetItemId = "q3", traceId = "t1" }));
        Assert.Equal("Dataset item not found", await MissingAsync(new { runName = "r", datasetItemId = "nope", traceId = "t1" }));
        Assert.StartsWith("Observation not found", await MissingAsync(new { runName = "r", datasetItemId = "q1", observationId = "nope" }), StringComparison.Ordinal);
        Assert.Equal(0, (await client.GetOkAsync("/api/public/datasets/qa/runs")).Meta().TotalItems);

        await client.GetBadRequestAsync($"{RunItems}?runName=r", "datasetId");
        await client.GetBadRequestAsync($"{RunItems}?datasetId={datasetId}", "runName");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{RunItems}?datasetId={datasetId}&runName=never")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{RunItems}?datasetId=other&runName=r")).StatusCode);
    }

    [Fact]
    public async Task Runs_ListNewestFirstAndDeleteWithTheirItems()
    {
        using var client = await ClientAsync();
        var datasetId = await SeedAsync(client);
        foreach (var run in new[] { "r1", "r2", "r3" })
        {
            await PostOkAsync(client, RunItems, new { runName = run, datasetItemId = "q1", traceId = "t1" });
        }

        var runs = await client.GetOkAsync("/api/public/datasets/qa/runs?limit=2");
        Assert.Equal((1, 2, 3L, 2L), runs.Meta());
        Assert.Equal(["r3", "r2"], runs.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(("qa", datasetId), (runs.GetProperty("data")[0].GetProperty("datasetName").GetString(), runs.GetProperty("data")[0].GetProperty("datasetId").GetString()));

        var deleted = await Tenant.ReadAsync(await client.DeleteAsync("/api/public/datasets/qa/runs/r2"), HttpStatusCode.OK);

        Assert.Equal("Dataset run successfully deleted", deleted.GetProperty("message").GetString());
        Assert.Equal(["r3", "r1"], (await client.GetOkAsync("/api/public/datasets/qa/runs")).GetProperty("data").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/public/datasets/qa/runs/r2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{RunItems}?datasetId={datasetId}&runName=r2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/api/public/datasets/qa/runs/r2")).StatusCode);
        Assert.Equal(1, (await client.GetOkAsync("/api/public/datasets/qa/runs/r1")).GetProperty("datasetRunItems").GetArrayLength());

        // The name is free again: a new run of that name starts without the deleted run's items.
        await PostOkAsync(client, RunItems, new { runName = "r2", datasetItemId = "q2", traceId = "t2" });
        var again = await client.GetOkAsync("/api/public/datasets/qa/runs/r2");
        Assert.Equal(["q2"], again.GetProperty("datasetRunItems").EnumerateArray().Select(i => i.GetProperty("datasetItemId").GetString()));
        Assert.Equal("Dataset not found", (await Tenant.ReadAsync(await client.GetAsync("/api/public/datasets/none/runs"), HttpStatusCode.NotFound)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task RunScores_WithDatasetRunId_SurfaceInTheScoreList()
    {
        using var client = await ClientAsync();
        await SeedAsync(client);
        var runId = (await PostOkAsync(client, RunItems, new { runName = "scored", datasetItemId = "q1", traceId = "t1" })).GetProperty("datasetRunId").GetString();

        using var response = await client.PostAsync("/api/public/scores", new StringContent(
            $$"""{"id":"run-score","name":"mean-accuracy","value":0.75,"datasetRunId":"{{runId}}"}""", Encoding.UTF8, "application/json"));
        await Tenant.ReadAsync(response, HttpStatusCode.OK);

        var scores = await Poll.UntilAsync(client, $"/api/public/v2/scores?datasetRunId={runId}", s => s.GetProperty("data").GetArrayLength() == 1);
        var score = scores.GetProperty("data")[0];
        Assert.Equal(("run-score", runId, 0.75), (score.GetProperty("id").GetString(), score.GetProperty("datasetRunId").GetString(), score.GetProperty("value").GetDouble()));
    }
}
