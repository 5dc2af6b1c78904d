using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

/// <summary>
/// The v2 prompt API with the payloads the Langfuse SDKs send: <c>createPrompt</c> bodies, <c>getPrompt</c> fetches
/// with <c>version</c>/<c>label</c> and URL-encoded names, <c>update</c> with <c>newLabels</c>.
/// </summary>
public sealed class PromptsApiTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private const string Prompts = "/api/public/v2/prompts";

    private SightlineProcess Server => shared.Server;

    private async Task<HttpClient> ClientAsync()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        return Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
    }

    private static string Path(string name) => $"{Prompts}/{Uri.EscapeDataString(name)}";

    private static async Task<JsonElement> CreateAsync(HttpClient client, object body) =>
        await Tenant.ReadAsync(await client.PostAsJsonAsync(Prompts, body), HttpStatusCode.Created);

    private static async Task<JsonElement> GetAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        await Tenant.ReadAsync(await client.GetAsync(path), expected);

    private static async Task<JsonElement> PatchLabelsAsync(HttpClient client, string name, int version, params string[] labels) =>
        await Tenant.ReadAsync(await client.PatchAsJsonAsync($"{Path(name)}/versions/{version}", new { newLabels = labels }), HttpStatusCode.OK);

    private static async Task<string> BadRequestMessageAsync(HttpResponseMessage response)
    {
        var body = await Tenant.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("InvalidRequestError", body.GetProperty("error").GetString());
        return body.GetProperty("message").GetString()!;
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task GetByName_FollowsProduction_VersionAndLatestPickOthers_AndMovingProductionSwitchesTheAnswer()
    {
        using var client = await ClientAsync();
        var v1 = await CreateAsync(client, new { name = "greeting", type = "text", prompt = "Hello {{name}}", labels = new[] { "production" }, config = new { temperature = 0.2 } });
        var v2 = await CreateAsync(client, new { name = "greeting", type = "text", prompt = "Hi there {{name}}", labels = Array.Empty<string>() });

        var byName = await GetAsync(client, Path("greeting"));
        Assert.Equal((1, "Hello {{name}}", true), (byName.GetProperty("version").GetInt32(), byName.GetProperty("prompt").GetString(), byName.GetProperty("isActive").GetBoolean()));
        Assert.Equal(["production"], Strings(byName.GetProperty("labels")));
        Assert.Equal(0.2, byName.GetProperty("config").GetProperty("temperature").GetDouble());
        Assert.Equal(v1.GetProperty("id").GetString(), byName.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, byName.GetProperty("resolutionGraph").ValueKind);

        var byVersion = await GetAsync(client, $"{Path("greeting")}?version=2");
        Assert.Equal((2, "Hi there {{name}}", false), (byVersion.GetProperty("version").GetInt32(), byVersion.GetProperty("prompt").GetString(), byVersion.GetProperty("isActive").GetBoolean()));
        var latest = await GetAsync(client, $"{Path("greeting")}?label=latest");
        Assert.Equal(v2.GetProperty("id").GetString(), latest.GetProperty("id").GetString());
        Assert.Equal(["latest"], Strings(latest.GetProperty("labels")));

        var patched = await PatchLabelsAsync(client, "greeting", 2, "production");
        Assert.Equal(["production", "latest"], Strings(patched.GetProperty("labels")));

        var afterMove = await GetAsync(client, Path("greeting"));
        Assert.Equal((2, "Hi there {{name}}", true), (afterMove.GetProperty("version").GetInt32(), afterMove.GetProperty("prompt").GetString(), afterMove.GetProperty("isActive").GetBoolean()));
        var old = await GetAsync(client, $"{Path("greeting")}?version=1");
        Assert.Empty(Strings(old.GetProperty("labels")));
        Assert.False(old.GetProperty("isActive").GetBoolean());
    }

    [Fact]
    public async Task Create_ReturnsTheStoredVersion_AndTagsAreSharedByAllVersions()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);

        var first = await CreateAsync(client, new { name = "summary", prompt = "Summarise {{text}}", labels = new[] { "production", "staging" }, tags = new[] { "team-a", "summaries" }, commitMessage = "first cut" });
        Assert.Equal("summary", first.GetProperty("name").GetString());
        Assert.Equal((1, "text", "API"), (first.GetProperty("version").GetInt32(), first.GetProperty("type").GetString(), first.GetProperty("createdBy").GetString()));
        Assert.Equal(tenant.ProjectId, first.GetProperty("projectId").GetString());
        Assert.Equal("Summarise {{text}}", first.GetProperty("prompt").GetString());
        Assert.Equal(["production", "staging", "latest"], Strings(first.GetProperty("labels")));
        Assert.Equal(["team-a", "summaries"], Strings(first.GetProperty("tags")));
        Assert.Equal("first cut", first.GetProperty("commitMessage").GetString());
        Assert.Equal(JsonValueKind.Object, first.GetProperty("config").ValueKind);
        Assert.Empty(first.GetProperty("config").EnumerateObject());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", first.GetProperty("createdAt").GetString());
        Assert.False(first.TryGetProperty("resolutionGraph", out _));
        Assert.False(first.TryGetProperty("isActive", out _));

        // Tags left out are copied from the latest version; tags given replace those of every version.
        var second = await CreateAsync(client, new { name = "summary", prompt = "Summarise briefly {{text}}", config = (object?)null });
        Assert.Equal(["team-a", "summaries"], Strings(second.GetProperty("tags")));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("commitMessage").ValueKind);
        Assert.Empty(second.GetProperty("config").EnumerateObject());
        var third = await CreateAsync(client, new { name = "summary", prompt = "v3", tags = new[] { "team-b" }, labels = new[] { "staging" } });
        Assert.Equal(["team-b"], Strings(third.GetProperty("tags")));
        var firstAgain = await GetAsync(client, $"{Path("summary")}?version=1");
        Assert.Equal(["team-b"], Strings(firstAgain.GetProperty("tags")));
        Assert.Equal(["production"], Strings(firstAgain.GetProperty("labels")));
        Assert.Equal(3, (await GetAsync(client, $"{Path("summary")}?label=staging")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task ChatPrompt_WithVariablesAndAPlaceholder_IsStoredAsTheSdkCompilesIt()
    {
        using var client = await ClientAsync();
        // The JS SDK's ChatMessage type adds type "chatmessage"; Langfuse drops it.
        var created = await CreateAsync(client, new
        {
            name = "support-chat",
            type = "chat",
            prompt = new object[]
            {
                new { role = "system", content = "You are {{persona}}." },
                new { type = "placeholder", name = "history" },
                new { role = "user", content = "{{question}}", type = "chatmessage" },
            },
            labels = new[] { "production" },
            config = new { model = "gpt-4o", temperature = 0 },
        });
        Assert.Equal("chat", created.GetProperty("type").GetString());

        var fetched = await GetAsync(client, Path("support-chat"));
        Assert.Equal("chat", fetched.GetProperty("type").GetString());
        var messages = fetched.GetProperty("prompt").EnumerateArray().ToList();
        Assert.Equal(3, messages.Count);
        Assert.Equal("""{"role":"system","content":"You are {{persona}}."}""", messages[0].GetRawText());
        Assert.Equal("""{"type":"placeholder","name":"history"}""", messages[1].GetRawText());
        Assert.Equal("""{"role":"user","content":"{{question}}"}""", messages[2].GetRawText());
        Assert.Equal("gpt-4o", fetched.GetProperty("config").GetProperty("model").GetString());

        var clash = await BadRequestMessageAsync(await client.PostAsJsonAsync(Prompts, new
        {
            name = "clash",
            type = "chat",
            prompt = new object[] { new { role = "user", content = "{{history}}" }, new { type = "placeholder", name = "history" } },
        }));
        Assert.Contains("variables and placeholders must be unique", clash, StringComparison.Ordinal);
        Assert.Contains("history", clash, StringComparison.Ordinal);

        var badPlaceholder = await BadRequestMessageAsync(await client.PostAsJsonAsync(Prompts, new
        {
            name = "bad-placeholder",
            type = "chat",
            prompt = new object[] { new { type = "placeholder", name = "1st" } },
        }));
        Assert.StartsWith("prompt[0].name:", badPlaceholder, StringComparison.Ordinal);

        var typeChange = await BadRequestMessageAsync(await client.PostAsJsonAsync(Prompts, new { name = "support-chat", prompt = "now text" }));
        Assert.Equal("Previous versions have different prompt type. Create a new prompt with a different name.", typeChange);
    }

    [Fact]
    public async Task Composition_ResolvesNestedReferences_AndReturnsTheResolutionGraph()
    {
        using var client = await ClientAsync();
        var tone = await CreateAsync(client, new { name = "shared/tone", prompt = "Be kind.", labels = new[] { "production" } });
        var persona = await CreateAsync(client, new { name = "persona", prompt = "You help with billing. @@@langfusePrompt:name=shared/tone|label=production@@@" });
        var root = await CreateAsync(client, new
        {
            name = "billing-chat",
            type = "chat",
            prompt = new object[]
            {
                new { role = "system", content = "@@@langfusePrompt:name=persona|version=1@@@ Answer {{question}}." },
                new { type = "placeholder", name = "history" },
            },
            labels = new[] { "production" },
        });

        var resolved = await GetAsync(client, Path("billing-chat"));
        Assert.Equal("You help with billing. Be kind. Answer {{question}}.", resolved.GetProperty("prompt")[0].GetProperty("content").GetString());
        Assert.Equal("history", resolved.GetProperty("prompt")[1].GetProperty("name").GetString());

        var graph = resolved.GetProperty("resolutionGraph");
        var (rootId, personaId, toneId) = (root.GetProperty("id").GetString()!, persona.GetProperty("id").GetString()!, tone.GetProperty("id").GetString()!);
        Assert.Equal((rootId, "billing-chat", 1), (graph.GetProperty("root").GetProperty("id").GetString(), graph.GetProperty("root").GetProperty("name").GetString(), graph.GetProperty("root").GetProperty("version").GetInt32()));
        var dependencies = graph.GetProperty("dependencies");
        Assert.Equal(new[] { rootId, personaId }.Order(StringComparer.Ordinal), dependencies.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var fromRoot = Assert.Single(dependencies.GetProperty(rootId).EnumerateArray());
        Assert.Equal((personaId, "persona", 1), (fromRoot.GetProperty("id").GetString(), fromRoot.GetProperty("name").GetString(), fromRoot.GetProperty("version").GetInt32()));
        var fromPersona = Assert.Single(dependencies.GetProperty(personaId).EnumerateArray());
        Assert.Equal((toneId, "shared/tone", 1), (fromPersona.GetProperty("id").GetString(), fromPersona.GetProperty("name").GetString(), fromPersona.GetProperty("version").GetInt32()));

        var raw = await GetAsync(client, $"{Path("billing-chat")}?resolve=false");
        Assert.Equal("@@@langfusePrompt:name=persona|version=1@@@ Answer {{question}}.", raw.GetProperty("prompt")[0].GetProperty("content").GetString());
        Assert.Equal(JsonValueKind.Null, raw.GetProperty("resolutionGraph").ValueKind);

        // A new production version of a prompt deep in the graph shows up in the root's next fetch.
        await CreateAsync(client, new { name = "shared/tone", prompt = "Be brief.", labels = new[] { "production" } });
        var refreshed = await GetAsync(client, Path("billing-chat"));
        Assert.Equal("You help with billing. Be brief. Answer {{question}}.", refreshed.GetProperty("prompt")[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Errors_UnknownName404_BadType400_MissingReference400_Cycles400()
    {
        using var client = await ClientAsync();

        var missing = await GetAsync(client, Path("nope"), HttpStatusCode.NotFound);
        Assert.Equal("Prompt not found: 'nope' with label 'production'", missing.GetProperty("message").GetString());
        Assert.Equal("LangfuseNotFoundError", missing.GetProperty("error").GetString());
        var missingVersion = await GetAsync(client, $"{Path("nope")}?version=3", HttpStatusCode.NotFound);
        Assert.Equal("Prompt not found: 'nope' with version 3", missingVersion.GetProperty("message").GetString());
        var missingLabel = await GetAsync(client, $"{Path("nope")}?label=staging", HttpStatusCode.NotFound);
        Assert.Equal("Prompt not found: 'nope' with label 'staging'", missingLabel.GetProperty("message").GetString());

        Assert.StartsWith("type:", await BadRequestMessageAsync(await client.PostAsJsonAsync(Prompts, new { name = "x", type = "image", prompt = "hi" })), StringComparison.Ordinal);
        Assert.StartsWith("prompt:", await BadRequestMessageAsync(await client.PostAsJsonAsync(Prompts, new { name = "x", prompt = new[] { new { role = "user", content = "hi" } } })), StringComparison.Ordinal);
        Assert.StartsWith("prompt:", await BadRequestMessageAsync(await client.PostAsJsonAsync(Prompts, new { name = "x", type = "chat", prompt = "hi" })), StringComparison.Ordinal);
        Assert.StartsWith("name:", await BadRequestMessageAsync(await client.PostAsJsonAsync(Prompts, new { name = "a|b", prompt = "hi" })), StringComparison.Ordinal);
        Assert.StartsWith("name:", await BadRequestMessageAsync(await client.PostAsJsonAsync(Prompts, new { name = "folder/", prompt = "hi" })), StringComparison.Ordinal);
        Assert.StartsWith("name:", await BadRequestMessageAsync(await client.PostAsJsonAsync(Prompts, new { prompt = "hi" })), StringComparison.Ordinal);
        Assert.StartsWith("labels:", await BadRequestMessageAsync(await client.PostAsJsonAsync(Prompts, new { name = "x", prompt = "hi", labels = new[] { "Production" } })), StringComparison.Ordinal);
        Assert.StartsWith("commitMessage:", await BadRequestMessageAsync(await client.PostAsJsonAsync(Prompts, new { name = "x", prompt = "hi", commitMessage = new string('m', 501) })), StringComparison.Ordinal);
        Assert.StartsWith("body:", await BadRequestMessageAsync(await client.PostAsync(Prompts, new StringContent("{not json", Encoding.UTF8, "application/json"))), StringComparison.Ordinal);
        Assert.Equal("Cannot specify both version and label", await BadRequestMessageAsync(await client.GetAsync($"{Path("x")}?version=1&label=production")));
        Assert.StartsWith("version:", await BadRequestMessageAsync(await client.GetAsync($"{Path("x")}?version=two")), StringComparison.Ordinal);

        var dangling = await BadRequestMessageAsync(await client.PostAsJsonAsync(Prompts, new { name = "dangling", prompt = "@@@langfusePrompt:name=ghost|label=production@@@" }));
        Assert.Equal("Prompt dependency not found: ghost - label production", dangling);
        await CreateAsync(client, new { name = "chatty", type = "chat", prompt = new[] { new { role = "user", content = "hi" } } });
        var notText = await BadRequestMessageAsync(await client.PostAsJsonAsync(Prompts, new { name = "uses-chat", prompt = "@@@langfusePrompt:name=chatty|version=1@@@" }));
        Assert.Equal("Prompt dependency is not a text prompt: chatty - version 1", notText);

        // B v1 <- A v1; a new version of B that reaches A, and through it B again, is refused when created.
        await CreateAsync(client, new { name = "b", prompt = "B1", labels = new[] { "production" } });
        await CreateAsync(client, new { name = "a", prompt = "A1 @@@langfusePrompt:name=b|label=production@@@", labels = new[] { "production" } });
        var cycle = await BadRequestMessageAsync(await client.PostAsJsonAsync(Prompts, new { name = "b", prompt = "B2 @@@langfusePrompt:name=a|label=production@@@" }));
        Assert.StartsWith("Circular dependency detected involving prompt 'b'", cycle, StringComparison.Ordinal);
        var selfReference = await BadRequestMessageAsync(await client.PostAsJsonAsync(Prompts, new { name = "c", prompt = "@@@langfusePrompt:name=c|version=1@@@" }));
        Assert.Equal("Prompt dependency not found: c - version 1", selfReference);

        // Labels moved afterwards can close a cycle that no create saw; the fetch refuses it.
        await CreateAsync(client, new { name = "a", prompt = "A2 plain", labels = new[] { "staging" } });
        await CreateAsync(client, new { name = "b", prompt = "B2 @@@langfusePrompt:name=a|label=staging@@@" });
        await PatchLabelsAsync(client, "a", 1, "staging");
        var readCycle = await BadRequestMessageAsync(await client.GetAsync($"{Path("b")}?version=2"));
        Assert.StartsWith("Circular dependency detected involving prompt 'b' version 1", readCycle, StringComparison.Ordinal);
        Assert.Equal("B2 @@@langfusePrompt:name=a|label=staging@@@", (await GetAsync(client, $"{Path("b")}?version=2&resolve=false")).GetProperty("prompt").GetString());
    }

    [Fact]
    public async Task FolderNames_WithSlashes_WorkWhenUrlEncoded()
    {
        using var client = await ClientAsync();
        const string Name = "team/support/welcome";
        await CreateAsync(client, new { name = Name, prompt = "Welcome!", labels = new[] { "production" } });
        await CreateAsync(client, new { name = Name, prompt = "Welcome back!" });
        await CreateAsync(client, new { name = "team/support%2Fliteral", prompt = "percent" });

        Assert.Equal("/api/public/v2/prompts/team%2Fsupport%2Fwelcome", Path(Name));
        var fetched = await GetAsync(client, Path(Name));
        Assert.Equal((Name, "Welcome!"), (fetched.GetProperty("name").GetString(), fetched.GetProperty("prompt").GetString()));
        var literal = await GetAsync(client, $"{Path("team/support%2Fliteral")}?label=latest");
        Assert.Equal("percent", literal.GetProperty("prompt").GetString());

        var patched = await PatchLabelsAsync(client, Name, 2, "production");
        Assert.Equal(Name, patched.GetProperty("name").GetString());
        Assert.Equal("Welcome back!", (await GetAsync(client, Path(Name))).GetProperty("prompt").GetString());

        var listed = await GetAsync(client, $"{Prompts}?name={Uri.EscapeDataString(Name)}");
        Assert.Equal(Name, Assert.Single(listed.GetProperty("data").EnumerateArray()).GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Path(Name)}?version=1")).StatusCode);
        await GetAsync(client, $"{Path(Name)}?version=1", HttpStatusCode.NotFound);
        Assert.Equal(2, (await GetAsync(client, Path(Name))).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task List_FiltersVersionsBeforeGrouping_PagesByName_AndRepeatsMetaAsPagination()
    {
        using var client = await ClientAsync();
        await CreateAsync(client, new { name = "alpha", prompt = "a1", labels = new[] { "production" }, tags = new[] { "red" }, config = new { v = 1 } });
        await CreateAsync(client, new { name = "alpha", prompt = "a2", config = new { v = 2 } });
        await CreateAsync(client, new { name = "beta", type = "chat", prompt = new[] { new { role = "user", content = "b1" } }, tags = new[] { "blue" } });
        var gamma = await CreateAsync(client, new { name = "gamma", prompt = "g1", labels = new[] { "production" }, tags = new[] { "red", "blue" } });

        var page1 = await GetAsync(client, $"{Prompts}?limit=2");
        var page2 = await GetAsync(client, $"{Prompts}?limit=2&page=2");
        Assert.Equal(["alpha", "beta"], page1.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        Assert.Equal(["gamma"], page2.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        foreach (var envelope in new[] { "meta", "pagination" })
        {
            var meta = page1.GetProperty(envelope);
            Assert.Equal((1, 2, 3, 2), (meta.GetProperty("page").GetInt32(), meta.GetProperty("limit").GetInt32(), meta.GetProperty("totalItems").GetInt32(), meta.GetProperty("totalPages").GetInt32()));
        }

        var alpha = page1.GetProperty("data")[0];
        Assert.Equal("text", alpha.GetProperty("type").GetString());
        Assert.Equal([1, 2], alpha.GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(["latest", "production"], Strings(alpha.GetProperty("labels")));
        Assert.Equal(["red"], Strings(alpha.GetProperty("tags")));
        Assert.Equal(2, alpha.GetProperty("lastConfig").GetProperty("v").GetInt32());
        Assert.Equal("chat", page1.GetProperty("data")[1].GetProperty("type").GetString());
        Assert.Equal(10, (await GetAsync(client, Prompts)).GetProperty("meta").GetProperty("limit").GetInt32());

        var production = await GetAsync(client, $"{Prompts}?label=production");
        var alphaInProduction = production.GetProperty("data")[0];
        Assert.Equal(["alpha", "gamma"], production.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        Assert.Equal([1], alphaInProduction.GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(["production"], Strings(alphaInProduction.GetProperty("labels")));
        Assert.Equal(1, alphaInProduction.GetProperty("lastConfig").GetProperty("v").GetInt32());

        Assert.Equal(["beta", "gamma"], (await GetAsync(client, $"{Prompts}?tag=blue")).GetProperty("data").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        Assert.Equal(["alpha"], (await GetAsync(client, $"{Prompts}?version=2")).GetProperty("data").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        Assert.Equal(["beta"], (await GetAsync(client, $"{Prompts}?name=beta")).GetProperty("data").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        var since = Uri.EscapeDataString(gamma.GetProperty("updatedAt").GetString()!);
        Assert.Equal(["gamma"], (await GetAsync(client, $"{Prompts}?fromUpdatedAt={since}")).GetProperty("data").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        var before = await GetAsync(client, $"{Prompts}?toUpdatedAt={since}");
        Assert.Equal(["alpha", "beta"], before.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        Assert.Equal(2, before.GetProperty("meta").GetProperty("totalItems").GetInt32());

        Assert.StartsWith("limit:", await BadRequestMessageAsync(await client.GetAsync($"{Prompts}?limit=101")), StringComparison.Ordinal);
        Assert.StartsWith("page:", await BadRequestMessageAsync(await client.GetAsync($"{Prompts}?page=0")), StringComparison.Ordinal);
        Assert.StartsWith("fromUpdatedAt:", await BadRequestMessageAsync(await client.GetAsync($"{Prompts}?fromUpdatedAt=2024-01-01")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_ByVersionLabelOrName_MovesLatest_AndRefusesWhileOtherPromptsDependOnIt()
    {
        using var client = await ClientAsync();
        await CreateAsync(client, new { name = "base", prompt = "base v1", labels = new[] { "production" } });
        await CreateAsync(client, new { name = "base", prompt = "base v2" });
        await CreateAsync(client, new { name = "base", prompt = "base v3", labels = new[] { "canary" } });
        await CreateAsync(client, new { name = "user", prompt = "uses @@@langfusePrompt:name=base|label=production@@@" });

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Path("base")}?version=3")).StatusCode);
        var latest = await GetAsync(client, $"{Path("base")}?label=latest");
        Assert.Equal(2, latest.GetProperty("version").GetInt32());
        await GetAsync(client, $"{Path("base")}?label=canary", HttpStatusCode.NotFound);

        var refused = await BadRequestMessageAsync(await client.DeleteAsync($"{Path("base")}?label=production"));
        Assert.Contains("user v1 depends on base production", refused, StringComparison.Ordinal);
        Assert.Contains("Please delete the dependent prompts first", refused, StringComparison.Ordinal);
        await BadRequestMessageAsync(await client.DeleteAsync(Path("base")));

        // Once production lives on another version, the old one can go.
        await PatchLabelsAsync(client, "base", 2, "production");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Path("base")}?version=1")).StatusCode);
        Assert.Equal("uses base v2", (await GetAsync(client, $"{Path("user")}?label=latest")).GetProperty("prompt").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(Path("user"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(Path("base"))).StatusCode);
        await GetAsync(client, $"{Path("base")}?label=latest", HttpStatusCode.NotFound);
        var gone = await Tenant.ReadAsync(await client.DeleteAsync(Path("base")), HttpStatusCode.NotFound);
        Assert.Equal("Prompt not found", gone.GetProperty("message").GetString());
        Assert.Empty((await GetAsync(client, Prompts)).GetProperty("data").EnumerateArray());
        Assert.Equal("Cannot specify both version and label", await BadRequestMessageAsync(await client.DeleteAsync($"{Path("base")}?version=1&label=x")));

        // A name created again after deleting all versions starts over, without the old tags.
        var fresh = await CreateAsync(client, new { name = "base", prompt = "again" });
        Assert.Equal(1, fresh.GetProperty("version").GetInt32());
        Assert.Empty(Strings(fresh.GetProperty("tags")));
    }

    [Fact]
    public async Task PatchLabels_RefusesLatestAndUnknownVersions()
    {
        using var client = await ClientAsync();
        await CreateAsync(client, new { name = "p", prompt = "one", labels = new[] { "staging" } });

        var latest = await BadRequestMessageAsync(await client.PatchAsJsonAsync($"{Path("p")}/versions/1", new { newLabels = new[] { "latest" } }));
        Assert.Contains("Label 'latest' is always assigned to the latest prompt version", latest, StringComparison.Ordinal);
        var unknown = await Tenant.ReadAsync(await client.PatchAsJsonAsync($"{Path("p")}/versions/9", new { newLabels = new[] { "production" } }), HttpStatusCode.NotFound);
        Assert.Equal("Prompt 'p' version 9 not found in project", unknown.GetProperty("message").GetString());
        Assert.StartsWith("newLabels:", await BadRequestMessageAsync(await client.PatchAsJsonAsync($"{Path("p")}/versions/1", new { labels = new[] { "x" } })), StringComparison.Ordinal);

        var kept = await PatchLabelsAsync(client, "p", 1, "production", "production");
        Assert.Equal(["production", "staging", "latest"], Strings(kept.GetProperty("labels")));
    }

    [Fact]
    public async Task Cache_ServesWarmFetches_AndEveryWriteToTheProjectInvalidatesIt()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        await CreateAsync(client, new { name = "cached", prompt = "original", labels = new[] { "production" } });
        await CreateAsync(client, new { name = "cached", prompt = "second" });
        Assert.Equal("original", (await GetAsync(client, Path("cached"))).GetProperty("prompt").GetString());

        // Changed behind the server's back: a warm cache keeps answering from memory.
        await EditStoredPromptAsync(tenant.ProjectId, "cached", 1, "\"edited in the store\"");
        Assert.Equal("original", (await GetAsync(client, Path("cached"))).GetProperty("prompt").GetString());
        Assert.Equal("edited in the store", (await GetAsync(client, $"{Path("cached")}?resolve=false")).GetProperty("prompt").GetString());

        // A label change anywhere in the project drops the project's cached prompts.
        await PatchLabelsAsync(client, "cached", 2, "staging");
        Assert.Equal("edited in the store", (await GetAsync(client, Path("cached"))).GetProperty("prompt").GetString());

        await EditStoredPromptAsync(tenant.ProjectId, "cached", 1, "\"edited again\"");
        await CreateAsync(client, new { name = "unrelated", prompt = "x" });
        Assert.Equal("edited again", (await GetAsync(client, Path("cached"))).GetProperty("prompt").GetString());

        await PatchLabelsAsync(client, "cached", 2, "production");
        Assert.Equal("second", (await GetAsync(client, Path("cached"))).GetProperty("prompt").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Path("cached")}?version=2")).StatusCode);
        await GetAsync(client, Path("cached"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Auth_PublicKeyAsBearerAndOrganizationKeys_Get403WithLangfusesMessage()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var bearer = Server.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.PublicKey);

        var denied = await Tenant.ReadAsync(await bearer.GetAsync(Path("anything")), HttpStatusCode.Forbidden);
        Assert.Equal("Access denied - need to use basic auth with secret key to GET prompts", denied.GetProperty("message").GetString());
        var deniedPost = await Tenant.ReadAsync(await bearer.PostAsJsonAsync(Prompts, new { name = "x", prompt = "y" }), HttpStatusCode.Forbidden);
        Assert.Equal("Access denied - need to use basic auth with secret key to POST prompts", deniedPost.GetProperty("message").GetString());

        using var organization = Server.CreateClient(tenant.OrganizationPublicKey, tenant.OrganizationSecretKey);
        var orgDenied = await Tenant.ReadAsync(await organization.GetAsync(Prompts), HttpStatusCode.Forbidden);
        Assert.Equal("Access denied - need to use basic auth with secret key to GET prompts", orgDenied.GetProperty("message").GetString());
        await Tenant.ReadAsync(await Server.CreateClient().GetAsync(Prompts), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Projects_NeverSeeEachOthersPrompts()
    {
        using var first = await ClientAsync();
        using var second = await ClientAsync();
        await CreateAsync(first, new { name = "private", prompt = "mine", labels = new[] { "production" } });
        Assert.Equal("mine", (await GetAsync(first, Path("private"))).GetProperty("prompt").GetString());

        await GetAsync(second, Path("private"), HttpStatusCode.NotFound);
        Assert.Empty((await GetAsync(second, Prompts)).GetProperty("data").EnumerateArray());
        await Tenant.ReadAsync(await second.DeleteAsync(Path("private")), HttpStatusCode.NotFound);
        await Tenant.ReadAsync(await second.PatchAsJsonAsync($"{Path("private")}/versions/1", new { newLabels = new[] { "x" } }), HttpStatusCode.NotFound);
        var same = await CreateAsync(second, new { name = "private", prompt = "theirs" });
        Assert.Equal(1, same.GetProperty("version").GetInt32());
        Assert.Equal("mine", (await GetAsync(first, Path("private"))).GetProperty("prompt").GetString());
    }

    [Fact]
    public async Task ConcurrentCreates_OfOneName_NeverShareAVersion()
    {
        using var client = await ClientAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            client.PostAsJsonAsync(Prompts, new { name = "busy", prompt = $"attempt {i}", labels = new[] { "production" } })));

        var versions = new List<int>();
        foreach (var response in responses)
        {
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (response.StatusCode == HttpStatusCode.Created)
            {
                versions.Add(body.GetProperty("version").GetInt32());
            }
            else
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Contains("concurrent prompt creations", body.GetProperty("message").GetString(), StringComparison.Ordinal);
            }
        }

        Assert.NotEmpty(versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
        var listed = Assert.Single((await GetAsync(client, Prompts)).GetProperty("data").EnumerateArray());
        Assert.Equal(versions.Order(), listed.GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(versions.Max(), (await GetAsync(client, Path("busy"))).GetProperty("version").GetInt32());
        Assert.Equal(versions.Max(), (await GetAsync(client, $"{Path("busy")}?label=latest")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Generation_NamingAPromptVersion_IsLinkedToThatVersionsId()
    {
        using var client = await ClientAsync();
        var prompt = await CreateAsync(client, new { name = "linked", prompt = "Tell me about {{topic}}", labels = new[] { "production" } });
        var (traceId, linkedId, unknownId) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        var batch = $$$"""
            {"batch":[
              {"id":"{{{Guid.NewGuid()}}}","type":"generation-create","timestamp":"2026-01-01T00:00:00.000Z","body":{"id":"{{{linkedId}}}","traceId":"{{{traceId}}}","name":"llm","promptName":"linked","promptVersion":1}},
              {"id":"{{{Guid.NewGuid()}}}","type":"generation-create","timestamp":"2026-01-01T00:00:00.000Z","body":{"id":"{{{unknownId}}}","traceId":"{{{traceId}}}","name":"llm","promptName":"linked","promptVersion":7}}
            ]}
            """;
        await Tenant.ReadAsync(await client.PostAsync("/api/public/ingestion", new StringContent(batch, Encoding.UTF8, "application/json")), HttpStatusCode.MultiStatus);

        var linked = await Poll.UntilAsync(client, $"/api/public/observations/{linkedId}");
        Assert.Equal(prompt.GetProperty("id").GetString(), linked.GetProperty("promptId").GetString());
        Assert.Equal(("linked", 1), (linked.GetProperty("promptName").GetString(), linked.GetProperty("promptVersion").GetInt32()));
        var unknown = await Poll.UntilAsync(client, $"/api/public/observations/{unknownId}");
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("promptId").ValueKind);
    }

    [Fact]
    public async Task UsageOfEachPromptVersion_IsQueryableThroughTheMetricsApi()
    {
        using var client = await ClientAsync();
        await CreateAsync(client, new { name = "support/reply", prompt = "v1 {{q}}", labels = new[] { "production" } });
        await CreateAsync(client, new { name = "support/reply", prompt = "v2 {{q}}" });
        var traceId = Guid.NewGuid().ToString("N");
        string Generation(int version, int start, int seconds, int input, int output, string cost) => $$$"""
            {"id":"{{{Guid.NewGuid()}}}","type":"generation-create","timestamp":"2026-02-01T10:00:00.000Z","body":{"id":"{{{Guid.NewGuid():N}}}","traceId":"{{{traceId}}}","name":"reply","model":"gpt-4o",
             "startTime":"2026-02-01T10:{{{start:00}}}:00.000Z","endTime":"2026-02-01T10:{{{start:00}}}:{{{seconds:00}}}.000Z",
             "usageDetails":{"input":{{{input}}},"output":{{{output}}}},"costDetails":{"total":{{{cost}}}},"promptName":"support/reply","promptVersion":{{{version}}}}}
            """;
        var batch = $$$"""
            {"batch":[{{{Generation(1, 1, 1, 100, 20, "0.01")}}},{{{Generation(1, 2, 3, 300, 40, "0.03")}}},{{{Generation(2, 3, 2, 50, 10, "0.005")}}},
              {"id":"{{{Guid.NewGuid()}}}","type":"span-create","timestamp":"2026-02-01T10:00:00.000Z","body":{"id":"{{{Guid.NewGuid():N}}}","traceId":"{{{traceId}}}","name":"no prompt","startTime":"2026-02-01T10:04:00.000Z"}}]}
            """;
        await Tenant.ReadAsync(await client.PostAsync("/api/public/ingestion", new StringContent(batch, Encoding.UTF8, "application/json")), HttpStatusCode.MultiStatus);
        var query = Uri.EscapeDataString("""
            {"view":"observations","dimensions":[{"field":"promptName"},{"field":"promptVersion"}],
             "metrics":[{"measure":"count","aggregation":"count"},{"measure":"totalTokens","aggregation":"sum"},{"measure":"totalCost","aggregation":"sum"},
                        {"measure":"latency","aggregation":"avg"},{"measure":"latency","aggregation":"max"}],
             "filters":[{"column":"promptName","operator":"=","value":"support/reply","type":"string"}],
             "orderBy":[{"field":"promptVersion","direction":"asc"}],
             "fromTimestamp":"2026-02-01T00:00:00Z","toTimestamp":"2026-02-02T00:00:00Z"}
            """);

        var rows = await Poll.UntilAsync(client, $"/api/public/metrics?query={query}",
            body => body.GetProperty("data").EnumerateArray().Sum(r => r.GetProperty("count_count").GetInt64()) == 3);

        var actual = rows.GetProperty("data").EnumerateArray().Select(r =>
            $"{r.GetProperty("promptName").GetString()} v{r.GetProperty("promptVersion").GetInt32()}: x{r.GetProperty("count_count").GetInt64()} "
            + $"{r.GetProperty("sum_totalTokens").GetInt64()} tokens, {r.GetProperty("sum_totalCost").GetDecimal()} USD, "
            + $"latency avg {r.GetProperty("avg_latency").GetDouble()} max {r.GetProperty("max_latency").GetDouble()} ms");
        Assert.Equal(
            ["support/reply v1: x2 460 tokens, 0.04 USD, latency avg 2000 max 3000 ms", "support/reply v2: x1 60 tokens, 0.005 USD, latency avg 2000 max 2000 ms"],
            actual);
    }

    /// <summary>Changes a stored prompt behind the server's back, in SQLite or (in the scale run) PostgreSQL.</summary>
    private async Task EditStoredPromptAsync(string projectId, string name, int version, string promptJson)
    {
        if (shared.Stores is { } stores)
        {
            Assert.Equal(1, await stores.ExecuteAsync(
                "UPDATE prompts SET \"Prompt\" = @prompt WHERE \"ProjectId\" = @project AND \"Name\" = @name AND \"Version\" = @version",
                ("prompt", promptJson), ("project", projectId), ("name", name), ("version", version)));
            return;
        }

        await using var db = new SqliteConnection($"Data Source={System.IO.Path.Combine(Server.DataDirectory, "sightline.db")};Pooling=false");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "UPDATE prompts SET Prompt = $prompt WHERE ProjectId = $project AND Name = $name AND Version = $version";
        command.Parameters.AddWithValue("$prompt", promptJson);
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$version", version);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
