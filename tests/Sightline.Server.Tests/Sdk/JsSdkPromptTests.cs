using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests.Sdk;

/// <summary>
/// Prompt management through the published JavaScript SDKs: <c>langfuse</c> v3 (prompts-v3.mjs) and
/// <c>@langfuse/client</c> 5.x (prompts-client.mjs) each run the same story in a fresh project
/// (tests/sdk-js/lib/prompts.mjs holds its prompts). The test checks what the SDK handed back and compiled, which
/// requests its prompt cache saved, the errors it surfaced, and the generation it linked to the prompt version, read
/// back through the public API.
/// </summary>
[Collection(JsSdkServer.Name)]
public sealed class JsSdkPromptTests(SharedServer shared)
{
    private const string GreetingPath = "/api/public/v2/prompts/sdk%2Fgreeting";

    // Keeps quotes and apostrophes as written, so expected JSON reads like the server's answer.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private SightlineProcess Server => shared.Server;

    [Fact]
    public async Task LangfuseV3_PromptVersionsLabelsCacheChatCompositionErrorsAndLinkedGeneration()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);

        var result = await NodeScript.RunAsync(Server, tenant, "prompts-v3.mjs");

        AssertPromptStory(result);

        // v3 throws on a failed fetch, with the server's message; a refused create only logs the answer and resolves.
        var errors = result.GetProperty("errors");
        var unknown = errors.GetProperty("unknownName");
        Assert.Equal("Prompt not found: 'no-such-prompt' with label 'production'", Text(unknown, "thrown"));
        Assert.StartsWith("[Langfuse SDK] Error while fetching prompt 'no-such-prompt-label:production'", Assert.Single(Strings(unknown, "logged")), StringComparison.Ordinal);
        foreach (var (name, message) in new[] { ("badType", "type: must be 'text' or 'chat'"), ("cycle", "Circular dependency detected involving prompt 'cycle-b' version 1") })
        {
            var refused = errors.GetProperty(name);
            Assert.Equal(JsonValueKind.Null, refused.GetProperty("thrown").ValueKind);
            var logged = Assert.Single(Strings(refused, "logged"));
            Assert.StartsWith("[Langfuse SDK] 400: Bad request.", logged, StringComparison.Ordinal);
            Assert.EndsWith($$"""HTTP error while fetching Langfuse: 400 and body: {"message":"{{message}}","error":"InvalidRequestError"}""", logged, StringComparison.Ordinal);
        }

        await AssertRefusedCreatesStoredNothingAsync(client);
        await AssertLinkedGenerationAsync(client, result);
    }

    [Fact]
    public async Task LangfuseClient_PromptVersionsLabelsCacheChatCompositionErrorsAndLinkedGeneration()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);

        var result = await NodeScript.RunAsync(Server, tenant, "prompts-client.mjs");

        AssertPromptStory(result);

        // The generated API client throws for every failure, with the status and the server's error body.
        var errors = result.GetProperty("errors");
        var unknown = errors.GetProperty("unknownName");
        Assert.Equal(404, unknown.GetProperty("thrown").GetProperty("statusCode").GetInt32());
        Assert.Equal("""{"message":"Prompt not found: 'no-such-prompt' with label 'production'","error":"LangfuseNotFoundError"}""", Json(unknown.GetProperty("thrown").GetProperty("body")));
        Assert.Contains("Error fetching prompt 'no-such-prompt-label:production'", Assert.Single(Strings(unknown, "logged")), StringComparison.Ordinal);
        foreach (var (name, message) in new[] { ("badType", "type: must be 'text' or 'chat'"), ("cycle", "Circular dependency detected involving prompt 'cycle-b' version 1") })
        {
            var refused = errors.GetProperty(name);
            Assert.Equal(400, refused.GetProperty("thrown").GetProperty("statusCode").GetInt32());
            Assert.Equal($$"""{"message":"{{message}}","error":"InvalidRequestError"}""", Json(refused.GetProperty("thrown").GetProperty("body")));
            Assert.Empty(Strings(refused, "logged"));
        }

        await AssertRefusedCreatesStoredNothingAsync(client);
        await AssertLinkedGenerationAsync(client, result);
    }

    /// <summary>The part of the story both SDK generations must see the same way.</summary>
    private static void AssertPromptStory(JsonElement result)
    {
        var created = result.GetProperty("created");
        var (v1, v2) = (created[0], created[1]);
        Assert.Equal(("sdk/greeting", 1, "text", "Hello {{name}}, welcome to {{place}}."), (Text(v1, "name"), Version(v1), Text(v1, "type"), Text(v1, "prompt")));
        Assert.Equal(["production", "latest"], Strings(v1, "labels"));
        Assert.Equal(("""{"temperature":0.3}""", "first greeting"), (Json(v1.GetProperty("config")), Text(v1, "commitMessage")));
        Assert.Equal((2, "Hi {{name}}! You made it to {{place}}."), (Version(v2), Text(v2, "prompt")));
        Assert.Equal(["latest"], Strings(v2, "labels"));
        Assert.Equal(["sdk-js"], Strings(v2, "tags"));
        Assert.Equal(("{}", JsonValueKind.Null), (Json(v2.GetProperty("config")), v2.GetProperty("commitMessage").ValueKind));

        // Production (the default) is version 1 until it moves; a version and latest pick version 2.
        var byName = result.GetProperty("byName");
        Assert.Equal((1, Text(v1, "id"), false), (Version(byName), Text(byName, "id"), byName.GetProperty("isFallback").GetBoolean()));
        Assert.Equal(["production"], Strings(byName, "labels"));
        Assert.Equal("Hello Ada, welcome to Paris.", Text(byName, "compiled"));
        var byVersion = result.GetProperty("byVersion");
        Assert.Equal((2, Text(v2, "id"), "Hi {{name}}! You made it to {{place}}."), (Version(byVersion), Text(byVersion, "id"), Text(byVersion, "prompt")));
        var latest = result.GetProperty("latest");
        Assert.Equal((2, Text(v2, "id")), (Version(latest), Text(latest, "id")));
        Assert.Equal(["latest"], Strings(latest, "labels"));

        var moved = result.GetProperty("moved");
        Assert.Equal(2, Version(moved));
        Assert.Equal(["production", "latest"], Strings(moved, "labels"));
        var afterMove = result.GetProperty("afterMove");
        Assert.Equal((2, Text(v2, "id"), "Hi Ada! You made it to Paris."), (Version(afterMove), Text(afterMove, "id"), Text(afterMove, "compiled")));
        Assert.Equal(["production", "latest"], Strings(afterMove, "labels"));

        // The SDK's cache (60 s by default) answers repeated fetches without a request, even after a label moved
        // elsewhere; a fetch with cacheTtlSeconds 0 goes to the server and sees the move.
        var cache = result.GetProperty("cache");
        var fetchGreeting = $"GET {GreetingPath} 200";
        Assert.Equal(
            ["1 after " + fetchGreeting, "1 after no request", "1 after no request", "2 after " + fetchGreeting],
            new[] { "first", "second", "afterMove", "fresh" }.Select(step => Fetched(cache.GetProperty(step))));

        var chat = result.GetProperty("chat");
        Assert.Equal(("support-chat", "chat", 1), (Text(chat, "name"), Text(chat, "type"), Version(chat)));
        Assert.Equal("""{"model":"gpt-4o-mini","temperature":0}""", Json(chat.GetProperty("config")));
        Assert.Equal(
            """[{"role":"system","content":"You are a billing assistant. Answer in French."},{"role":"user","content":"Hello"},{"role":"assistant","content":"Hi! How can I help?"},{"role":"user","content":"Why was I charged twice?"}]""",
            Json(chat.GetProperty("compiled")));
        // Left unfilled, the placeholder stays in the compiled list for the application to fill.
        Assert.Equal(
            """[{"role":"system","content":"You are a billing assistant. Answer in French."},{"type":"placeholder","name":"history"},{"role":"user","content":"Why was I charged twice?"}]""",
            Json(chat.GetProperty("compiledWithoutHistory")));

        // billing-chat embeds billing-persona v1, which embeds shared/tone by its production label.
        var composition = result.GetProperty("composition");
        Assert.Equal(
            """[{"type":"chatmessage","role":"system","content":"You help with {{topic}}. Keep it {{tone}}. Reply to {{customer}}."},{"type":"chatmessage","role":"user","content":"{{question}}"}]""",
            Json(composition.GetProperty("messages")));
        Assert.Equal(
            """[{"role":"system","content":"You help with invoices. Keep it short. Reply to Grace."},{"role":"user","content":"Where is my invoice?"}]""",
            Json(composition.GetProperty("compiled")));
        Assert.Equal(
            """{"root":"billing-chat v1","dependencies":{"billing-chat v1":["billing-persona v1"],"billing-persona v1":["shared/tone v1"]}}""",
            Json(composition.GetProperty("graph")));

        var errors = result.GetProperty("errors");
        Assert.Equal(["GET /api/public/v2/prompts/no-such-prompt 404"], Strings(errors.GetProperty("unknownName"), "requests"));
        Assert.Equal(["POST /api/public/v2/prompts 400"], Strings(errors.GetProperty("badType"), "requests"));
        Assert.Equal(["POST /api/public/v2/prompts 400"], Strings(errors.GetProperty("cycle"), "requests"));
    }

    private static async Task AssertRefusedCreatesStoredNothingAsync(HttpClient client)
    {
        var cycleB = await Tenant.ReadAsync(await client.GetAsync("/api/public/v2/prompts/cycle-b?label=latest"), HttpStatusCode.OK);
        Assert.Equal((1, "B1"), (Version(cycleB), Text(cycleB, "prompt")));
        await Tenant.ReadAsync(await client.GetAsync("/api/public/v2/prompts/bad-type?label=latest"), HttpStatusCode.NotFound);
    }

    private static async Task AssertLinkedGenerationAsync(HttpClient client, JsonElement result)
    {
        var link = result.GetProperty("link");
        var promptId = Text(link, "promptId");
        var stored = await Tenant.ReadAsync(await client.GetAsync($"{GreetingPath}?version=2"), HttpStatusCode.OK);
        Assert.Equal(Text(stored, "id"), promptId);

        // Ingestion is asynchronous; the generation is complete once its output has arrived.
        var generation = await Poll.UntilAsync(client, $"/api/public/observations/{Text(link, "generationId")}",
            o => o.GetProperty("output").ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(30));
        Assert.Equal((Text(link, "traceId"), "GENERATION", "greeting"), (Text(generation, "traceId"), Text(generation, "type"), Text(generation, "name")));
        Assert.Equal(("Hi Ada! You made it to Paris.", "Bonjour Ada!"), (Text(generation, "input"), Text(generation, "output")));
        Assert.Equal(("sdk/greeting", 2, promptId), (Text(generation, "promptName"), generation.GetProperty("promptVersion").GetInt32(), Text(generation, "promptId")));
    }

    /// <summary>"version after requests": the version a fetch returned and the requests it sent.</summary>
    private static string Fetched(JsonElement step) =>
        $"{Version(step)} after {(Strings(step, "requests") is [_, ..] sent ? string.Join(", ", sent) : "no request")}";

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"'{name}' is null in {element}");

    private static int Version(JsonElement element) => element.GetProperty("version").GetInt32();

    private static List<string?> Strings(JsonElement element, string name) => [.. element.GetProperty(name).EnumerateArray().Select(e => e.GetString())];

    /// <summary>The element as compact JSON, so a mismatch shows both sides whole.</summary>
    private static string Json(JsonElement element) => JsonSerializer.Serialize(element, Compact);
}
