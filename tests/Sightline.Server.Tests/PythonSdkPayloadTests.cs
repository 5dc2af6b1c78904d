using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

/// <summary>
/// Payloads in the shapes the Python SDKs send (recorded as fixtures: Python packages cannot be installed here):
/// v2 sends every event through the batch API with explicit nulls; v3 and later send scores through it with
/// OpenTelemetry-style hex ids.
/// </summary>
public sealed partial class PythonSdkPayloadTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private SightlineProcess Server => shared.Server;

    private static string Fixture(string name, Dictionary<string, string> values)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "python", name));
        text = Placeholder().Replace(text, m => m.Groups[1].Value.StartsWith("uuid", StringComparison.Ordinal) ? Guid.NewGuid().ToString() : values[m.Groups[1].Value]);
        return text;
    }

    [Fact]
    public async Task V2Batch_WithNullsAndUpdates_IsStoredAsTheSdkMeantIt()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var ids = new Dictionary<string, string>
        {
            ["traceId"] = Guid.NewGuid().ToString(),
            ["spanId"] = Guid.NewGuid().ToString(),
            ["generationId"] = Guid.NewGuid().ToString(),
            ["eventId"] = Guid.NewGuid().ToString(),
            ["scoreId"] = Guid.NewGuid().ToString(),
        };

        var response = await Tenant.ReadAsync(await client.PostAsync("/api/public/ingestion",
            new StringContent(Fixture("v2-trace-span-generation.json", ids), Encoding.UTF8, "application/json")), HttpStatusCode.MultiStatus);

        Assert.Equal(0, response.GetProperty("errors").GetArrayLength());
        Assert.Equal(7, response.GetProperty("successes").GetArrayLength());
        var trace = await Poll.UntilAsync(client, $"/api/public/traces/{ids["traceId"]}",
            t => t.GetProperty("observations").GetArrayLength() == 3 && t.GetProperty("scores").GetArrayLength() == 1);
        Assert.Equal("rag-pipeline", trace.GetProperty("name").GetString());
        Assert.Equal("1.4.0", trace.GetProperty("release").GetString());
        Assert.Equal(4, trace.GetProperty("metadata").GetProperty("retrieval_k").GetInt32());
        Assert.Equal(["python", "rag"], trace.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("2026-03-01T10:00:00.000Z", trace.GetProperty("timestamp").GetString());

        var observations = trace.GetProperty("observations").EnumerateArray().ToDictionary(o => o.GetProperty("id").GetString()!);
        var span = observations[ids["spanId"]];
        Assert.Equal("2026-03-01T10:00:00.250Z", span.GetProperty("endTime").GetString());
        Assert.Equal("doc-2", span.GetProperty("output").GetProperty("documents")[1].GetString());
        var generation = observations[ids["generationId"]];
        Assert.Equal("gpt-4o-mini", generation.GetProperty("model").GetString());
        Assert.Equal(ids["spanId"], generation.GetProperty("parentObservationId").GetString());
        Assert.Equal(31, generation.GetProperty("usageDetails").GetProperty("input").GetInt64());
        Assert.Equal(7, generation.GetProperty("usageDetails").GetProperty("output").GetInt64());
        Assert.Equal(38, generation.GetProperty("usageDetails").GetProperty("total").GetInt64());
        Assert.Equal(0.14, generation.GetProperty("timeToFirstToken").GetDouble(), 3);
        Assert.Equal("Be brief.", generation.GetProperty("input")[0].GetProperty("content").GetString());
        Assert.Equal(256, generation.GetProperty("modelParameters").GetProperty("max_tokens").GetInt32());
        var evt = observations[ids["eventId"]];
        Assert.Equal(("EVENT", "WARNING", "cache cold"), (evt.GetProperty("type").GetString(), evt.GetProperty("level").GetString(), evt.GetProperty("statusMessage").GetString()));
        var score = trace.GetProperty("scores")[0];
        Assert.Equal(("helpfulness", 0.75, "good enough"), (score.GetProperty("name").GetString(), score.GetProperty("value").GetDouble(), score.GetProperty("comment").GetString()));
    }

    [Fact]
    public async Task V3Scores_WithHexIds_AreStoredOnTheTrace()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var ids = new Dictionary<string, string>
        {
            ["traceId"] = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            ["spanId"] = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16],
            ["scoreId"] = Guid.NewGuid().ToString(),
            ["scoreId2"] = Guid.NewGuid().ToString(),
        };

        // v3 sends the trace itself over OpenTelemetry; a plain trace-create stands in for it here.
        await Tenant.ReadAsync(await client.PostAsync("/api/public/ingestion", new StringContent(
            $$$"""{"batch":[{"id":"{{{Guid.NewGuid()}}}","type":"trace-create","timestamp":"2026-03-01T10:00:00Z","body":{"id":"{{{ids["traceId"]}}}"}}]}""",
            Encoding.UTF8, "application/json")), HttpStatusCode.MultiStatus);
        var response = await Tenant.ReadAsync(await client.PostAsync("/api/public/ingestion",
            new StringContent(Fixture("v3-scores.json", ids), Encoding.UTF8, "application/json")), HttpStatusCode.MultiStatus);

        Assert.Equal(0, response.GetProperty("errors").GetArrayLength());
        var trace = await Poll.UntilAsync(client, $"/api/public/traces/{ids["traceId"]}", t => t.GetProperty("scores").GetArrayLength() == 2);
        var scores = trace.GetProperty("scores").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Equal(("BOOLEAN", 1.0, "True", ids["spanId"]), (scores["is_correct"].GetProperty("dataType").GetString(), scores["is_correct"].GetProperty("value").GetDouble(), scores["is_correct"].GetProperty("stringValue").GetString(), scores["is_correct"].GetProperty("observationId").GetString()));
        Assert.Equal("human", scores["is_correct"].GetProperty("metadata").GetProperty("judge").GetString());
        Assert.Equal(("CATEGORICAL", "friendly"), (scores["tone"].GetProperty("dataType").GetString(), scores["tone"].GetProperty("stringValue").GetString()));
        Assert.Equal("production", scores["is_correct"].GetProperty("environment").GetString());
    }

    [Fact]
    public async Task V3Datasets_CreateItemsAndRunItemsWithExplicitNulls()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var ids = new Dictionary<string, string>
        {
            ["datasetName"] = "py/evals " + Guid.NewGuid().ToString("N")[..6],
            ["itemId"] = Guid.NewGuid().ToString(),
            ["runName"] = "py-run " + Guid.NewGuid().ToString("N")[..6],
            ["traceId"] = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            ["spanId"] = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16],
        };
        using var calls = System.Text.Json.JsonDocument.Parse(Fixture("v3-datasets.json", ids));
        async Task<System.Text.Json.JsonElement> PostAsync(string path, string call) => await Tenant.ReadAsync(
            await client.PostAsync(path, new StringContent(calls.RootElement.GetProperty(call).GetRawText(), Encoding.UTF8, "application/json")), HttpStatusCode.OK);

        var dataset = await PostAsync("/api/public/v2/datasets", "createDataset");
        var item = await PostAsync("/api/public/dataset-items", "createItem");
        var bare = await PostAsync("/api/public/dataset-items", "createItemDefaults");
        var runItem = await PostAsync("/api/public/dataset-run-items", "createRunItem");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, dataset.GetProperty("inputSchema").ValueKind);
        Assert.Equal(("ACTIVE", ids["itemId"]), (item.GetProperty("status").GetString(), item.GetProperty("id").GetString()));
        Assert.Equal(("bare input", System.Text.Json.JsonValueKind.Null), (bare.GetProperty("input").GetString(), bare.GetProperty("expectedOutput").ValueKind));
        Assert.Equal((ids["traceId"], ids["spanId"], ids["runName"]),
            (runItem.GetProperty("traceId").GetString(), runItem.GetProperty("observationId").GetString(), runItem.GetProperty("datasetRunName").GetString()));

        // The reads the SDK's get_dataset makes: the dataset by its encoded name, then the item pages.
        var read = await client.GetOkAsync($"/api/public/v2/datasets/{Uri.EscapeDataString(ids["datasetName"])}");
        Assert.Equal(("from python", "smoke"), (read.GetProperty("description").GetString(), read.GetProperty("metadata").GetProperty("suite")[0].GetString()));
        var items = await client.GetOkAsync($"/api/public/dataset-items?datasetName={Uri.EscapeDataString(ids["datasetName"])}&page=1&limit=50");
        Assert.Equal([bare.GetProperty("id").GetString()!, ids["itemId"]], items.Ids());
        Assert.Equal("Paris", items.GetProperty("data")[1].GetProperty("expectedOutput").GetProperty("answer").GetString());
        var run = await client.GetOkAsync($"/api/public/datasets/{Uri.EscapeDataString(ids["datasetName"])}/runs/{Uri.EscapeDataString(ids["runName"])}");
        Assert.Equal("gpt-4o-mini", run.GetProperty("metadata").GetProperty("model").GetString());
        Assert.Equal([ids["itemId"]], run.GetProperty("datasetRunItems").EnumerateArray().Select(r => r.GetProperty("datasetItemId").GetString()));
    }

    [GeneratedRegex(@"\{\{([A-Za-z0-9]+)\}\}")]
    private static partial Regex Placeholder();
}
