using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests.LlmConnections;

/// <summary>
/// <c>/api/public/llm-connections</c> and the test action: upsert on provider, masking, validation, delete, the
/// stored row's encryption and a chat request through <see cref="FakeLlmProvider"/>.
/// </summary>
public sealed class LlmConnectionsApiTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private const string Connections = "/api/public/llm-connections";

    private SightlineProcess Server => shared.Server;

    private async Task<(HttpClient Client, Tenant Tenant)> ClientAsync()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        return (Server.CreateClient(tenant.PublicKey, tenant.SecretKey), tenant);
    }

    private static string NewKey() => "sk-test-" + Guid.NewGuid().ToString("N");

    private static async Task<string> BadRequestAsync(HttpResponseMessage response)
    {
        var body = await Tenant.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("InvalidRequestError", body.GetProperty("error").GetString());
        return body.GetProperty("message").GetString()!;
    }

    [Fact]
    public async Task Upsert_CreatesThenUpdatesOnProvider_AndNeverReturnsTheSecret()
    {
        var (client, _) = await ClientAsync();
        using var _client = client;
        var key = NewKey();
        var headerSecret = "hdr-" + Guid.NewGuid().ToString("N");

        using var createResponse = await client.PutAsJsonAsync(Connections, new
        {
            provider = "my-gateway",
            adapter = "openai",
            secretKey = key,
            baseURL = "https://gateway.example.com/v1/",
            customModels = new[] { "llama-3-70b", "mixtral" },
            withDefaultModels = false,
            extraHeaders = new Dictionary<string, string> { ["X-Org"] = headerSecret },
        });
        var createdText = await createResponse.Content.ReadAsStringAsync();
        var created = await Tenant.ReadAsync(createResponse, HttpStatusCode.Created);

        Assert.Equal(("my-gateway", "openai", "..." + key[^4..], "https://gateway.example.com/v1"),
            (created.GetProperty("provider").GetString(), created.GetProperty("adapter").GetString(),
                created.GetProperty("displaySecretKey").GetString(), created.GetProperty("baseURL").GetString()));
        Assert.Equal(["llama-3-70b", "mixtral"], created.GetProperty("customModels").EnumerateArray().Select(m => m.GetString()));
        Assert.False(created.GetProperty("withDefaultModels").GetBoolean());
        Assert.Equal(["X-Org"], created.GetProperty("extraHeaderKeys").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(JsonValueKind.Null, created.GetProperty("config").ValueKind);
        Assert.Equal(
            ["id", "provider", "adapter", "displaySecretKey", "baseURL", "customModels", "withDefaultModels", "extraHeaderKeys", "config", "createdAt", "updatedAt"],
            created.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain(key, createdText, StringComparison.Ordinal);
        Assert.DoesNotContain(headerSecret, createdText, StringComparison.Ordinal);

        var newKey = NewKey();
        var updated = await Tenant.ReadAsync(await client.PutAsJsonAsync(Connections, new
        {
            provider = "my-gateway",
            adapter = "openai",
            secretKey = newKey,
            config = new { useResponsesApi = false },
        }), HttpStatusCode.OK);
        Assert.Equal(created.GetProperty("id").GetString(), updated.GetProperty("id").GetString());
        Assert.Equal(created.GetProperty("createdAt").GetString(), updated.GetProperty("createdAt").GetString());
        // An upsert resets what it leaves out, as Langfuse's does.
        Assert.Equal(("..." + newKey[^4..], JsonValueKind.Null, 0, true, 0),
            (updated.GetProperty("displaySecretKey").GetString(), updated.GetProperty("baseURL").ValueKind,
                updated.GetProperty("customModels").GetArrayLength(), updated.GetProperty("withDefaultModels").GetBoolean(),
                updated.GetProperty("extraHeaderKeys").GetArrayLength()));
        Assert.False(updated.GetProperty("config").GetProperty("useResponsesApi").GetBoolean());

        using var listResponse = await client.GetAsync(Connections);
        var listText = await listResponse.Content.ReadAsStringAsync();
        var list = await Tenant.ReadAsync(listResponse, HttpStatusCode.OK);
        var only = Assert.Single(list.GetProperty("data").EnumerateArray());
        Assert.Equal(updated.GetProperty("id").GetString(), only.GetProperty("id").GetString());
        Assert.Equal((1, 50, 1, 1), (list.GetProperty("meta").GetProperty("page").GetInt32(), list.GetProperty("meta").GetProperty("limit").GetInt32(),
            list.GetProperty("meta").GetProperty("totalItems").GetInt32(), list.GetProperty("meta").GetProperty("totalPages").GetInt32()));
        Assert.DoesNotContain(newKey, listText, StringComparison.Ordinal);
        Assert.DoesNotContain(key, Server.StandardOutput + Server.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(newKey, Server.StandardOutput + Server.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_PagesNewestFirst()
    {
        var (client, _) = await ClientAsync();
        using var _client = client;
        foreach (var provider in new[] { "first", "second", "third" })
        {
            await Tenant.ReadAsync(await client.PutAsJsonAsync(Connections, new { provider, adapter = "anthropic", secretKey = NewKey() }), HttpStatusCode.Created);
        }

        var page = await Tenant.ReadAsync(await client.GetAsync(Connections + "?page=2&limit=2"), HttpStatusCode.OK);

        Assert.Equal(["first"], page.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("provider").GetString()));
        Assert.Equal((3, 2), (page.GetProperty("meta").GetProperty("totalItems").GetInt32(), page.GetProperty("meta").GetProperty("totalPages").GetInt32()));
        Assert.Contains("limit", await BadRequestAsync(await client.GetAsync(Connections + "?limit=101")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upsert_InvalidBodies_Answer400NamingTheField()
    {
        var (client, _) = await ClientAsync();
        using var _client = client;
        (object Body, string Field)[] cases =
        [
            (new { provider = "p", adapter = "cohere", secretKey = "k" }, "adapter"),
            (new { adapter = "openai", secretKey = "k" }, "provider"),
            (new { provider = "p", adapter = "openai" }, "secretKey"),
            (new { provider = "p", adapter = "openai", secretKey = "" }, "secretKey"),
            (new { provider = "p", adapter = "openai", secretKey = "k", baseURL = "not a url" }, "baseURL"),
            (new { provider = "p", adapter = "openai", secretKey = "k", baseURL = "ftp://host/v1" }, "baseURL"),
            (new { provider = "p", adapter = "openai", secretKey = "k", baseURL = "https://user:pw@host/v1" }, "baseURL"),
            (new { provider = "p", adapter = "azure", secretKey = "k" }, "baseURL"),
            (new { provider = "p", adapter = "openai", secretKey = "k", customModels = new object[] { "ok", 3 } }, "customModels[1]"),
            (new { provider = "p", adapter = "openai", secretKey = "k", withDefaultModels = "yes" }, "withDefaultModels"),
            (new { provider = "p", adapter = "openai", secretKey = "k", extraHeaders = new Dictionary<string, object> { ["X"] = 1 } }, "extraHeaders.X"),
            (new { provider = "p", adapter = "openai", secretKey = "k", extraHeaders = new Dictionary<string, string> { ["Bad Header"] = "v" } }, "extraHeaders"),
            (new { provider = "p", adapter = "bedrock", secretKey = "k" }, "config"),
            (new { provider = "p", adapter = "anthropic", secretKey = "k", config = new { region = "x" } }, "config"),
            (new { provider = "p", adapter = "openai", secretKey = "k", config = new { useResponsesApi = "yes" } }, "config.useResponsesApi"),
        ];

        foreach (var (body, field) in cases)
        {
            var message = await BadRequestAsync(await client.PutAsJsonAsync(Connections, body));
            Assert.True(message.StartsWith(field + ":", StringComparison.Ordinal), $"{JsonSerializer.Serialize(body)} gave: {message}");
        }

        Assert.StartsWith("body:", await BadRequestAsync(await client.PutAsync(Connections, new StringContent("{not json", Encoding.UTF8, "application/json"))), StringComparison.Ordinal);
        Assert.Equal(0, (await Tenant.ReadAsync(await client.GetAsync(Connections), HttpStatusCode.OK)).GetProperty("meta").GetProperty("totalItems").GetInt32());
    }

    [Fact]
    public async Task Upsert_WithoutSecretKey_KeepsTheStoredKeyOnlyForTheSameDestination()
    {
        var (client, _) = await ClientAsync();
        using var _client = client;
        var key = NewKey();
        await Tenant.ReadAsync(await client.PutAsJsonAsync(Connections, new { provider = "gw", adapter = "openai", secretKey = key, baseURL = "https://a.example.com/v1" }), HttpStatusCode.Created);

        var kept = await Tenant.ReadAsync(await client.PutAsJsonAsync(Connections, new { provider = "gw", adapter = "openai", baseURL = "https://a.example.com/v1", customModels = new[] { "m" } }), HttpStatusCode.OK);
        var moved = await BadRequestAsync(await client.PutAsJsonAsync(Connections, new { provider = "gw", adapter = "openai", baseURL = "https://attacker.example.com/v1" }));

        Assert.Equal(("..." + key[^4..], "m"), (kept.GetProperty("displaySecretKey").GetString(), kept.GetProperty("customModels")[0].GetString()));
        Assert.StartsWith("secretKey:", moved, StringComparison.Ordinal);
        Assert.Equal("https://a.example.com/v1", (await Tenant.ReadAsync(await client.GetAsync(Connections), HttpStatusCode.OK)).GetProperty("data")[0].GetProperty("baseURL").GetString());
    }

    [Fact]
    public async Task Delete_RemovesTheConnection_ThenAnswers404()
    {
        var (client, _) = await ClientAsync();
        using var _client = client;
        var created = await Tenant.ReadAsync(await client.PutAsJsonAsync(Connections, new { provider = "gone", adapter = "google-ai-studio", secretKey = NewKey() }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;

        var deleted = await Tenant.ReadAsync(await client.DeleteAsync($"{Connections}/{id}"), HttpStatusCode.OK);
        var again = await Tenant.ReadAsync(await client.DeleteAsync($"{Connections}/{id}"), HttpStatusCode.NotFound);

        Assert.Equal("LLM connection successfully deleted", deleted.GetProperty("message").GetString());
        Assert.Equal(("LLM connection not found", "LangfuseNotFoundError"), (again.GetProperty("message").GetString(), again.GetProperty("error").GetString()));
        Assert.Equal(0, (await Tenant.ReadAsync(await client.GetAsync(Connections), HttpStatusCode.OK)).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task StoredRow_HoldsTheKeyAndHeaderValuesEncrypted()
    {
        var (client, tenant) = await ClientAsync();
        using var _client = client;
        var key = NewKey();
        var headerSecret = "hdr-" + Guid.NewGuid().ToString("N");
        await Tenant.ReadAsync(await client.PutAsJsonAsync(Connections, new
        {
            provider = "stored",
            adapter = "openai",
            secretKey = key,
            extraHeaders = new Dictionary<string, string> { ["X-Secret-Header"] = headerSecret },
        }), HttpStatusCode.Created);

        // The metadata database of whichever profile the shared server runs on.
        const string Sql = """SELECT "SecretKey", "DisplaySecretKey", "ExtraHeaders", "ExtraHeaderKeys" FROM llm_connections WHERE "ProjectId" = @project""";
        var rows = shared.Stores is { } stores ? await stores.RowsAsync(Sql, ("project", tenant.ProjectId)) : await SqliteRowsAsync(Sql, tenant.ProjectId);
        var columns = Assert.Single(rows).Split('|');
        var (storedKey, display, storedHeaders, headerKeys) = (columns[0], columns[1], columns[2], columns[3]);

        Assert.StartsWith("v1:", storedKey, StringComparison.Ordinal);
        Assert.StartsWith("v1:", storedHeaders, StringComparison.Ordinal);
        Assert.DoesNotContain(key[8..], storedKey, StringComparison.Ordinal);
        Assert.DoesNotContain(headerSecret, storedHeaders, StringComparison.Ordinal);
        Assert.Equal(("..." + key[^4..], """["X-Secret-Header"]"""), (display, headerKeys));
    }

    private async Task<List<string>> SqliteRowsAsync(string sql, string projectId)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(Server.DataDirectory, "sightline.db")};Mode=ReadOnly;Pooling=false");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@project", projectId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)));
        }

        return rows;
    }

    [Fact]
    public async Task TestAction_ThroughAnOpenAiCompatibleServer_SendsTheDecryptedKeyAndReportsAnswerAndUsage()
    {
        await using var provider = await FakeLlmProvider.StartAsync();
        var (client, _) = await ClientAsync();
        using var _client = client;
        var key = NewKey();
        var created = await Tenant.ReadAsync(await client.PutAsJsonAsync(Connections, new
        {
            provider = "local-vllm",
            adapter = "openai",
            secretKey = key,
            baseURL = provider.BaseAddress + "v1",
            customModels = new[] { "qwen2.5-7b" },
            extraHeaders = new Dictionary<string, string> { ["X-Tenant"] = "blue" },
        }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;

        using var response = await client.PostAsync($"/api/sightline/llm-connections/{id}/test", null);
        var text = await response.Content.ReadAsStringAsync();
        var result = await Tenant.ReadAsync(response, HttpStatusCode.OK);

        Assert.True(result.GetProperty("success").GetBoolean(), text);
        Assert.Equal(("qwen2.5-7b", FakeLlmProvider.Answer, 200), (result.GetProperty("model").GetString(), result.GetProperty("output").GetString(), result.GetProperty("providerStatus").GetInt32()));
        Assert.Equal((21, 4, 25), (result.GetProperty("usage").GetProperty("input").GetInt32(), result.GetProperty("usage").GetProperty("output").GetInt32(), result.GetProperty("usage").GetProperty("total").GetInt32()));
        var sent = Assert.Single(provider.Requests);
        Assert.Equal(("/v1/chat/completions", "Bearer " + key, "blue"), (sent.Path, sent.Headers["authorization"], sent.Headers["x-tenant"]));
        Assert.Equal("qwen2.5-7b", sent.Json().GetProperty("model").GetString());
        Assert.Equal("user", sent.Json().GetProperty("messages")[0].GetProperty("role").GetString());
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);

        var chosen = await Tenant.ReadAsync(await client.PostAsJsonAsync($"/api/sightline/llm-connections/{id}/test", new { model = "other-model" }), HttpStatusCode.OK);
        Assert.Equal("other-model", chosen.GetProperty("model").GetString());
        Assert.Equal("other-model", provider.Requests[^1].Json().GetProperty("model").GetString());
        Assert.DoesNotContain(key, Server.StandardOutput + Server.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestAction_ProviderRejectsTheKey_ReportsItsErrorWithTheKeyRedacted()
    {
        await using var provider = await FakeLlmProvider.StartAsync();
        var (client, _) = await ClientAsync();
        using var _client = client;
        var key = NewKey();
        var created = await Tenant.ReadAsync(await client.PutAsJsonAsync(Connections, new
        {
            provider = "anthropic",
            adapter = "anthropic",
            secretKey = key,
            baseURL = provider.BaseAddress.ToString(),
        }), HttpStatusCode.Created);
        provider.FailNext(401, $$$"""{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key: {{{key}}} (also known as {{{key[..14]}}}...)"}}""");

        using var response = await client.PostAsync($"/api/sightline/llm-connections/{created.GetProperty("id").GetString()}/test", null);
        var text = await response.Content.ReadAsStringAsync();
        var result = await Tenant.ReadAsync(response, HttpStatusCode.OK);

        Assert.False(result.GetProperty("success").GetBoolean());
        Assert.Equal((401, "claude-3-5-haiku-latest"), (result.GetProperty("providerStatus").GetInt32(), result.GetProperty("model").GetString()));
        Assert.Equal("HTTP 401: invalid x-api-key: *** (also known as ***...)", result.GetProperty("error").GetString());
        Assert.DoesNotContain(key[8..16], text, StringComparison.Ordinal);
        Assert.Equal(key, Assert.Single(provider.Requests).Headers["x-api-key"]);
    }

    [Fact]
    public async Task TestAction_UnreachableOrUncallable_ReportsWhyWithout5xx()
    {
        var (client, _) = await ClientAsync();
        using var _client = client;
        var bedrock = await Tenant.ReadAsync(await client.PutAsJsonAsync(Connections, new { provider = "aws", adapter = "bedrock", secretKey = NewKey(), config = new { region = "eu-west-1" } }), HttpStatusCode.Created);
        var azure = await Tenant.ReadAsync(await client.PutAsJsonAsync(Connections, new { provider = "az", adapter = "azure", secretKey = NewKey(), baseURL = "https://x.openai.azure.com/openai/deployments" }), HttpStatusCode.Created);

        var bedrockResult = await Tenant.ReadAsync(await client.PostAsync($"/api/sightline/llm-connections/{bedrock.GetProperty("id").GetString()}/test", null), HttpStatusCode.OK);
        var azureResult = await Tenant.ReadAsync(await client.PostAsync($"/api/sightline/llm-connections/{azure.GetProperty("id").GetString()}/test", null), HttpStatusCode.OK);
        var missing = await Tenant.ReadAsync(await client.PostAsync("/api/sightline/llm-connections/no-such-id/test", null), HttpStatusCode.NotFound);

        Assert.False(bedrockResult.GetProperty("success").GetBoolean());
        Assert.Contains("bedrock", bedrockResult.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(azureResult.GetProperty("success").GetBoolean());
        Assert.Contains("customModels", azureResult.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("LLM connection not found", missing.GetProperty("message").GetString());
    }
}
