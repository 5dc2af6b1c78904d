using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests.Sdk;

/// <summary>
/// Datasets and experiments through the published JavaScript SDKs, each in a fresh project: <c>langfuse</c> v3
/// (datasets-v3.mjs: createDataset, createDatasetItem, getDataset, item.link, getDatasetRun[s]) and
/// <c>@langfuse/client</c> 5.x (datasets-client.mjs: dataset.get and the experiment runner). The test checks what the
/// SDKs got back and what the server stored: runs, run items, and the experiment's scores.
/// </summary>
[Collection(JsSdkServer.Name)]
public sealed class JsSdkDatasetTests(SharedServer shared)
{
    private SightlineProcess Server => shared.Server;

    [Fact]
    public async Task LangfuseV3_CreatesDatasetsAndLinksTracesAndGenerationsToARun()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);

        var result = await NodeScript.RunAsync(Server, tenant, "datasets-v3.mjs");

        var created = result.GetProperty("created");
        Assert.Equal("""{"sdk":"v3"}""", Json(created.GetProperty("metadata")));
        Assert.Equal(("from langfuse v3", 0, 0), (Text(created, "description"), created.GetProperty("items").GetArrayLength(), created.GetProperty("runs").GetArrayLength()));
        var items = result.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["v3-b", "v3-a"], items.Select(i => Text(i, "id")));
        Assert.Equal(("""{"q":"two"}""", "\"TWO\"", "ACTIVE"), (Json(items[0].GetProperty("input")), Json(items[0].GetProperty("expectedOutput")), Text(items[0], "status")));
        Assert.Equal(Text(result, "datasetName"), Text(items[0], "datasetName"));

        var runName = Text(result, "runName");
        var links = result.GetProperty("links").EnumerateArray().ToDictionary(l => Text(l, "item"));
        var run = result.GetProperty("run");
        Assert.Equal((runName, "linked by v3", """{"model":"m-1"}"""), (Text(run, "name"), Text(run, "description"), Json(run.GetProperty("metadata"))));
        foreach (var link in links.Values)
        {
            Assert.Equal((Text(run, "id"), runName), (Text(link.GetProperty("link"), "datasetRunId"), Text(link.GetProperty("link"), "datasetRunName")));
        }

        var runItems = run.GetProperty("items").EnumerateArray().ToDictionary(i => Text(i, "item"));
        Assert.Equal(["v3-a", "v3-b"], runItems.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((Text(links["v3-a"], "traceId"), JsonValueKind.Null), (Text(runItems["v3-a"], "traceId"), runItems["v3-a"].GetProperty("observationId").ValueKind));
        Assert.Equal((Text(links["v3-b"], "traceId"), Text(links["v3-b"], "observationId")), (Text(runItems["v3-b"], "traceId"), Text(runItems["v3-b"], "observationId")));
        Assert.Equal([runName], result.GetProperty("runs").GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(1, result.GetProperty("runs").GetProperty("meta").GetProperty("totalItems").GetInt32());

        // The linked traces arrived through ingestion as well.
        await Poll.UntilAsync(client, $"/api/public/traces/{Text(links["v3-b"], "traceId")}", t => t.GetProperty("observations").GetArrayLength() == 1);
    }

    [Fact]
    public async Task LangfuseClient_ExperimentRunnerLinksEveryItemAndScoresTheRun()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);

        var result = await NodeScript.RunAsync(Server, tenant, "datasets-client.mjs");

        Assert.Equal("""{"sdk":"client"}""", Json(result.GetProperty("created").GetProperty("metadata")));
        Assert.Equal(["c-3", "c-2", "c-1"], result.GetProperty("dataset").GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        var experiment = result.GetProperty("experiment");
        var run = result.GetProperty("run");
        var runId = Text(run, "id");
        Assert.Equal((runId, Text(result, "runName")), (Text(experiment, "datasetRunId"), Text(experiment, "runName")));
        Assert.Equal((Text(result, "runName"), "multiplies", """{"model":"mental-math"}"""), (Text(run, "name"), Text(run, "description"), Json(run.GetProperty("metadata"))));

        var outcomes = experiment.GetProperty("items").EnumerateArray().ToDictionary(i => Text(i, "item"));
        Assert.Equal([1, 1, 0], new[] { "c-1", "c-2", "c-3" }.Select(id => outcomes[id].GetProperty("exact").GetInt32()));
        var runItems = run.GetProperty("items").EnumerateArray().ToDictionary(i => Text(i, "item"));
        Assert.Equal(["c-1", "c-2", "c-3"], runItems.Keys.Order(StringComparer.Ordinal));
        foreach (var (item, runItem) in runItems)
        {
            // OpenTelemetry ids: the trace of the item's root span and that span.
            Assert.Equal(Text(outcomes[item], "traceId"), Text(runItem, "traceId"));
            Assert.Matches("^[0-9a-f]{32}$", Text(runItem, "traceId"));
            Assert.Matches("^[0-9a-f]{16}$", Text(runItem, "observationId"));
        }

        Assert.Equal("""{"count":2,"meta":{"page":1,"limit":2,"totalItems":3,"totalPages":2}}""", Json(result.GetProperty("runItemsPage")));

        // The run evaluator's score is a run score; the item evaluators' scores are on the items' traces.
        var runScores = await Poll.UntilAsync(client, $"/api/public/v2/scores?datasetRunId={runId}", s => s.GetProperty("data").GetArrayLength() == 1);
        Assert.Equal(("accuracy", 2.0 / 3), (Text(runScores.GetProperty("data")[0], "name"), runScores.GetProperty("data")[0].GetProperty("value").GetDouble()));
        var itemScores = await Poll.UntilAsync(client, "/api/public/v2/scores?name=exact", s => s.GetProperty("data").GetArrayLength() == 3);
        Assert.Equal(runItems.Values.Select(r => Text(r, "traceId")).Order(StringComparer.Ordinal),
            itemScores.GetProperty("data").EnumerateArray().Select(s => Text(s, "traceId")).Order(StringComparer.Ordinal));
        await Poll.UntilAsync(client, $"/api/public/traces/{Text(runItems["c-3"], "traceId")}", t => t.GetProperty("observations").GetArrayLength() >= 1);
    }

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"'{name}' is null in {element}");

    private static string Json(JsonElement element) => JsonSerializer.Serialize(element);
}
