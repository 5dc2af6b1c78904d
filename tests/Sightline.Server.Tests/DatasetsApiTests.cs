using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

/// <summary>
/// Datasets through the public API: v2 and legacy dataset routes, item upserts with their version history, schema
/// checks, and the 400s and 404s with the field named.
/// </summary>
public sealed class DatasetsApiTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private const string Datasets = "/api/public/v2/datasets";
    private const string Items = "/api/public/dataset-items";

    private async Task<HttpClient> ClientAsync()
    {
        var tenant = await Tenant.CreateAsync(shared.Server, SharedServer.AdminKey);
        return shared.Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
    }

    private static async Task<JsonElement> PostOkAsync(HttpClient client, string path, object body) =>
        await Tenant.ReadAsync(await client.PostAsJsonAsync(path, body), HttpStatusCode.OK);

    private static async Task<string> PostBadRequestAsync(HttpClient client, string path, object body, string field)
    {
        var answer = await Tenant.ReadAsync(await client.PostAsJsonAsync(path, body), HttpStatusCode.BadRequest);
        Assert.Equal("InvalidRequestError", answer.GetProperty("error").GetString());
        var message = answer.GetProperty("message").GetString()!;
        Assert.StartsWith(field, message, StringComparison.Ordinal);
        return message;
    }

    private static async Task<string> NotFoundAsync(HttpResponseMessage response)
    {
        var answer = await Tenant.ReadAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("LangfuseNotFoundError", answer.GetProperty("error").GetString());
        return answer.GetProperty("message").GetString()!;
    }

    private static string Raw(JsonElement element) => JsonSerializer.Serialize(element);

    [Fact]
    public async Task CreateDataset_ReadsBackByEncodedNameAndUpsertsByName()
    {
        using var client = await ClientAsync();

        var created = await PostOkAsync(client, Datasets, new
        {
            name = "evals/qa set",
            description = "questions",
            metadata = new { owner = "team-a", level = 2 },
            inputSchema = new { type = "object", required = new[] { "question" } },
        });
        var read = await client.GetOkAsync($"{Datasets}/{Uri.EscapeDataString("evals/qa set")}");

        Assert.Equal(created.GetProperty("id").GetString(), read.GetProperty("id").GetString());
        Assert.Equal(("evals/qa set", "questions"), (read.GetProperty("name").GetString(), read.GetProperty("description").GetString()));
        Assert.Equal("""{"owner":"team-a","level":2}""", Raw(read.GetProperty("metadata")));
        Assert.Equal("""{"type":"object","required":["question"]}""", Raw(read.GetProperty("inputSchema")));
        Assert.Equal(JsonValueKind.Null, read.GetProperty("expectedOutputSchema").ValueKind);
        Assert.False(string.IsNullOrEmpty(read.GetProperty("projectId").GetString()));

        // The same name again updates what the body sends and keeps the rest.
        var updated = await PostOkAsync(client, Datasets, new { name = "evals/qa set", description = "renamed questions" });
        Assert.Equal(created.GetProperty("id").GetString(), updated.GetProperty("id").GetString());
        Assert.Equal("renamed questions", updated.GetProperty("description").GetString());
        Assert.Equal("""{"owner":"team-a","level":2}""", Raw(updated.GetProperty("metadata")));
        Assert.Equal(1, (await client.GetOkAsync(Datasets)).Meta().TotalItems);

        Assert.Equal("Dataset not found", await NotFoundAsync(await client.GetAsync($"{Datasets}/evals")));
        Assert.Equal("Dataset not found", await NotFoundAsync(await client.GetAsync($"{Datasets}/{Uri.EscapeDataString("evals%2Fqa set")}")));
    }

    [Fact]
    public async Task ListDatasets_PagesNewestFirst()
    {
        using var client = await ClientAsync();
        foreach (var name in new[] { "one", "two", "three" })
        {
            await PostOkAsync(client, Datasets, new { name });
        }

        var first = await client.GetOkAsync($"{Datasets}?limit=2");
        var second = await client.GetOkAsync($"{Datasets}?limit=2&page=2");

        Assert.Equal(["three", "two"], first.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        Assert.Equal(["one"], second.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        Assert.Equal((1, 2, 3L, 2L), first.Meta());
        Assert.Equal((2, 2, 3L, 2L), second.Meta());
        await client.GetBadRequestAsync($"{Datasets}?limit=101", "limit");
        await client.GetBadRequestAsync($"{Datasets}?page=0", "page");
    }

    [Fact]
    public async Task CreateDataset_BadBodies_Answer400NamingTheField()
    {
        using var client = await ClientAsync();

        await PostBadRequestAsync(client, Datasets, new { description = "no name" }, "name");
        await PostBadRequestAsync(client, Datasets, new { name = "", description = "empty" }, "name");
        await PostBadRequestAsync(client, Datasets, new { name = "x", description = 5 }, "description");
        await PostBadRequestAsync(client, Datasets, new { name = "x", inputSchema = "not a schema" }, "inputSchema");
        await PostBadRequestAsync(client, Datasets, new { name = "x", expectedOutputSchema = new { type = "text" } }, "expectedOutputSchema");
        Assert.Equal(0, (await client.GetOkAsync(Datasets)).Meta().TotalItems);
    }

    [Fact]
    public async Task LegacyDatasets_CarryItemsAndRunNames()
    {
        using var client = await ClientAsync();

        var created = await PostOkAsync(client, "/api/public/datasets", new { name = "legacy", metadata = new { v = 1 } });
        Assert.Equal(("legacy", 0, 0), (created.GetProperty("name").GetString(), created.GetProperty("items").GetArrayLength(), created.GetProperty("runs").GetArrayLength()));
        await PostOkAsync(client, Items, new { datasetName = "legacy", id = "a", input = "first" });
        await PostOkAsync(client, Items, new { datasetName = "legacy", id = "b", input = "second" });
        await PostOkAsync(client, Items, new { datasetName = "legacy", id = "c", input = "archived", status = "ARCHIVED" });

        var read = await client.GetOkAsync("/api/public/datasets/legacy");
        var list = await client.GetOkAsync("/api/public/datasets");

        Assert.Equal(["b", "a"], read.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(["\"second\"", "\"first\""], read.GetProperty("items").EnumerateArray().Select(i => Raw(i.GetProperty("input"))));
        Assert.Equal("legacy", read.GetProperty("items")[0].GetProperty("datasetName").GetString());
        Assert.Equal(0, read.GetProperty("runs").GetArrayLength());
        var entry = Assert.Single(list.GetProperty("data").EnumerateArray());
        Assert.Equal(["b", "a"], entry.GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal("""{"v":1}""", Raw(entry.GetProperty("metadata")));
        Assert.Equal((1, 50, 1L, 1L), list.Meta());
        Assert.Equal("Dataset not found", await NotFoundAsync(await client.GetAsync("/api/public/datasets/missing")));
    }

    [Fact]
    public async Task UpsertItem_KeepsFieldsLeftOutAndEveryEarlierVersion()
    {
        using var client = await ClientAsync();
        await PostOkAsync(client, Datasets, new { name = "history" });

        var v1 = await PostOkAsync(client, Items, new
        {
            datasetName = "history",
            id = "item-1",
            input = new { q = "2x2" },
            expectedOutput = "4",
            metadata = new { source = "manual" },
            sourceTraceId = "t-1",
        });
        var v2 = await PostOkAsync(client, Items, new { datasetName = "history", id = "item-1", input = new { q = "3x3" } });
        var v3 = await PostOkAsync(client, Items, new { datasetName = "history", id = "item-1", status = "ARCHIVED" });

        Assert.Equal(("item-1", "ACTIVE", "history"), (v1.GetProperty("id").GetString(), v1.GetProperty("status").GetString(), v1.GetProperty("datasetName").GetString()));
        Assert.Equal("""{"q":"3x3"}""", Raw(v2.GetProperty("input")));
        Assert.Equal(("\"4\"", """{"source":"manual"}""", "t-1"), (Raw(v2.GetProperty("expectedOutput")), Raw(v2.GetProperty("metadata")), v2.GetProperty("sourceTraceId").GetString()));
        Assert.Equal(v1.GetProperty("createdAt").GetString(), v3.GetProperty("createdAt").GetString());
        Assert.Equal(0, v3.GetProperty("mediaReferences").GetArrayLength());
        var get = await client.GetOkAsync($"{Items}/item-1");
        Assert.Equal(("ARCHIVED", """{"q":"3x3"}"""), (get.GetProperty("status").GetString(), Raw(get.GetProperty("input"))));

        // The list shows ACTIVE items only; "version" shows the dataset as it stood then.
        Assert.Equal(0, (await client.GetOkAsync($"{Items}?datasetName=history")).Meta().TotalItems);
        var asOfV1 = await client.GetOkAsync($"{Items}?datasetName=history&version={Uri.EscapeDataString(v1.GetProperty("updatedAt").GetString()!)}");
        Assert.Equal("""{"q":"2x2"}""", Raw(Assert.Single(asOfV1.GetProperty("data").EnumerateArray()).GetProperty("input")));
        var asOfV2 = await client.GetOkAsync($"{Items}?datasetName=history&version={Uri.EscapeDataString(v2.GetProperty("updatedAt").GetString()!)}");
        Assert.Equal("""{"q":"3x3"}""", Raw(Assert.Single(asOfV2.GetProperty("data").EnumerateArray()).GetProperty("input")));
        Assert.Equal(0, (await client.GetOkAsync($"{Items}?datasetName=history&version=2000-01-01T00:00:00Z")).Meta().TotalItems);
    }

    [Fact]
    public async Task DeleteItem_RemovesItFromNowOnButNotFromEarlierVersions()
    {
        using var client = await ClientAsync();
        await PostOkAsync(client, Datasets, new { name = "deletions" });
        var item = await PostOkAsync(client, Items, new { datasetName = "deletions", id = "gone", input = 1 });
        await PostOkAsync(client, Items, new { datasetName = "deletions", id = "kept", input = 2 });

        var deleted = await Tenant.ReadAsync(await client.DeleteAsync($"{Items}/gone"), HttpStatusCode.OK);

        Assert.Equal("Dataset item successfully deleted", deleted.GetProperty("message").GetString());
        Assert.Equal("Dataset item not found", await NotFoundAsync(await client.GetAsync($"{Items}/gone")));
        Assert.Equal("Dataset item not found", await NotFoundAsync(await client.DeleteAsync($"{Items}/gone")));
        Assert.Equal(["kept"], (await client.GetOkAsync($"{Items}?datasetName=deletions")).Ids());
        var before = await client.GetOkAsync($"{Items}?datasetName=deletions&version={Uri.EscapeDataString(item.GetProperty("updatedAt").GetString()!)}");
        Assert.Equal(["gone"], before.Ids());

        // The id is free again: a new item under it starts a new history.
        var again = await PostOkAsync(client, Items, new { datasetName = "deletions", id = "gone", input = 3 });
        Assert.Equal("3", Raw(again.GetProperty("input")));
        Assert.NotEqual(item.GetProperty("createdAt").GetString(), again.GetProperty("createdAt").GetString());
    }

    [Fact]
    public async Task ListItems_FiltersBySourceAndPages()
    {
        using var client = await ClientAsync();
        await PostOkAsync(client, Datasets, new { name = "a" });
        await PostOkAsync(client, Datasets, new { name = "b" });
        for (var i = 0; i < 5; i++)
        {
            await PostOkAsync(client, Items, new { datasetName = i < 3 ? "a" : "b", id = $"i{i}", sourceTraceId = i % 2 == 0 ? "trace-even" : "trace-odd", sourceObservationId = $"o{i}" });
        }

        var all = await client.GetOkAsync($"{Items}?limit=2&page=3");
        Assert.Equal((3, 2, 5L, 3L), all.Meta());
        Assert.Equal(["i0"], all.Ids());
        Assert.Equal(["i2", "i1", "i0"], (await client.GetOkAsync($"{Items}?datasetName=a")).Ids());
        Assert.Equal(["i4", "i2", "i0"], (await client.GetOkAsync($"{Items}?sourceTraceId=trace-even")).Ids());
        var byObservation = await client.GetOkAsync($"{Items}?sourceObservationId=o3");
        Assert.Equal(("i3", "b"), (byObservation.Ids().Single(), byObservation.GetProperty("data")[0].GetProperty("datasetName").GetString()));
        Assert.Empty((await client.GetOkAsync($"{Items}?datasetName=a&sourceTraceId=trace-odd&sourceObservationId=o3")).Ids());

        await client.GetBadRequestAsync($"{Items}?version=2026-01-01T00:00:00Z", "version");
        await client.GetBadRequestAsync($"{Items}?datasetName=a&version=2026-01-01", "version");
        await client.GetBadRequestAsync($"{Items}?limit=0", "limit");
        Assert.Equal("Dataset not found", await NotFoundAsync(await client.GetAsync($"{Items}?datasetName=missing")));
    }

    [Fact]
    public async Task UpsertItem_BadRequestsAndForeignIds_AreRefused()
    {
        using var client = await ClientAsync();
        await PostOkAsync(client, Datasets, new
        {
            name = "typed",
            inputSchema = new { type = "object", properties = new { question = new { type = "string", minLength = 3 } }, required = new[] { "question" } },
            expectedOutputSchema = new { type = "number", maximum = 10 },
        });
        await PostOkAsync(client, Datasets, new { name = "other" });
        await PostOkAsync(client, Items, new { datasetName = "other", id = "taken" });

        var missingProperty = await PostBadRequestAsync(client, Items, new { datasetName = "typed", input = new { q = "hi" } }, "input");
        Assert.Contains("required property 'question'", missingProperty, StringComparison.Ordinal);
        var tooShort = await PostBadRequestAsync(client, Items, new { datasetName = "typed", input = new { question = "hi" } }, "input");
        Assert.Contains("/question", tooShort, StringComparison.Ordinal);
        await PostBadRequestAsync(client, Items, new { datasetName = "typed", input = new { question = "why?" }, expectedOutput = 11 }, "expectedOutput");
        var valid = await PostOkAsync(client, Items, new { datasetName = "typed", input = new { question = "why?" }, expectedOutput = 7 });
        Assert.Equal(36, valid.GetProperty("id").GetString()!.Length);

        await PostBadRequestAsync(client, Items, new { input = "no dataset" }, "datasetName");
        await PostBadRequestAsync(client, Items, new { datasetName = "other", status = "DELETED" }, "status");
        await PostBadRequestAsync(client, Items, new { datasetName = "other", id = new string('x', 256) }, "id");
        Assert.Equal("Dataset not found", await NotFoundAsync(await client.PostAsJsonAsync(Items, new { datasetName = "missing" })));
        var foreign = await NotFoundAsync(await client.PostAsJsonAsync(Items, new { datasetName = "typed", id = "taken", input = new { question = "moved?" } }));
        Assert.StartsWith("Dataset item not found", foreign, StringComparison.Ordinal);
        Assert.Equal("other", (await client.GetOkAsync($"{Items}/taken")).GetProperty("datasetName").GetString());
    }
}
