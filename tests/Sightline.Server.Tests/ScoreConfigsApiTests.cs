using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

/// <summary><c>/api/public/score-configs</c>: create per data type, read, list, update and archive, and the 400s.</summary>
public sealed class ScoreConfigsApiTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private const string Configs = "/api/public/score-configs";

    private SightlineProcess Server => shared.Server;

    private async Task<HttpClient> ClientAsync()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        return Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
    }

    private static async Task<JsonElement> CreateAsync(HttpClient client, object body) =>
        await Tenant.ReadAsync(await client.PostAsJsonAsync(Configs, body), HttpStatusCode.OK);

    private static async Task<string> BadRequestAsync(HttpResponseMessage response)
    {
        var body = await Tenant.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("InvalidRequestError", body.GetProperty("error").GetString());
        return body.GetProperty("message").GetString()!;
    }

    private static string Json(JsonElement element) => JsonSerializer.Serialize(element);

    [Fact]
    public async Task Create_EachDataType_ReadsBackTheStoredConfig()
    {
        using var client = await ClientAsync();

        var numeric = await CreateAsync(client, new { name = "accuracy (0-10)", dataType = "NUMERIC", minValue = 0, maxValue = 10, description = "How right" });
        var categorical = await CreateAsync(client, new
        {
            name = "tone",
            dataType = "CATEGORICAL",
            categories = new object[] { new { label = "polite", value = 1 }, new { label = "rude", value = -1 }, new { label = "neutral", value = 0 } },
        });
        var boolean = await CreateAsync(client, new { name = "is_correct", dataType = "BOOLEAN" });
        var text = await CreateAsync(client, new { name = "feedback", dataType = "TEXT" });

        Assert.Equal(("accuracy (0-10)", "NUMERIC", 0.0, 10.0, "How right"),
            (numeric.GetProperty("name").GetString(), numeric.GetProperty("dataType").GetString(), numeric.GetProperty("minValue").GetDouble(),
                numeric.GetProperty("maxValue").GetDouble(), numeric.GetProperty("description").GetString()));
        Assert.False(numeric.GetProperty("isArchived").GetBoolean());
        Assert.Equal(JsonValueKind.Null, numeric.GetProperty("categories").ValueKind);
        Assert.Equal("""[{"label":"polite","value":1},{"label":"rude","value":-1},{"label":"neutral","value":0}]""", Json(categorical.GetProperty("categories")));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (categorical.GetProperty("minValue").ValueKind, categorical.GetProperty("maxValue").ValueKind));
        // Boolean configs get their two categories from the server.
        Assert.Equal("""[{"label":"True","value":1},{"label":"False","value":0}]""", Json(boolean.GetProperty("categories")));
        Assert.Equal(("TEXT", JsonValueKind.Null), (text.GetProperty("dataType").GetString(), text.GetProperty("categories").ValueKind));

        foreach (var created in new[] { numeric, categorical, boolean, text })
        {
            var read = await client.GetOkAsync($"{Configs}/{created.GetProperty("id").GetString()}");
            Assert.Equal(Json(created), Json(read));
            Assert.Equal(created.GetProperty("createdAt").GetString(), read.GetProperty("updatedAt").GetString());
        }

        var projectId = (await client.GetOkAsync("/api/public/projects")).GetProperty("data")[0].GetProperty("id").GetString();
        Assert.Equal(projectId, numeric.GetProperty("projectId").GetString());
    }

    [Fact]
    public async Task List_NewestFirst_WithPageArithmetic()
    {
        using var client = await ClientAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await CreateAsync(client, new { name = $"config-{i}", dataType = "NUMERIC" })).GetProperty("id").GetString()!);
        }

        ids.Reverse();
        var all = await client.GetOkAsync($"{Configs}?limit=50");
        Assert.Equal(ids, all.Ids());
        Assert.Equal((1, 50, 5L, 1L), all.Meta());

        var second = await client.GetOkAsync($"{Configs}?page=2&limit=2");
        Assert.Equal(ids[2..4], second.Ids());
        Assert.Equal((2, 2, 5L, 3L), second.Meta());
        var beyond = await client.GetOkAsync($"{Configs}?page=4&limit=2");
        Assert.Empty(beyond.Ids());
        Assert.Equal((4, 2, 5L, 3L), beyond.Meta());

        await client.GetBadRequestAsync($"{Configs}?limit=101", "limit:");
        await client.GetBadRequestAsync($"{Configs}?page=0", "page:");
    }

    [Theory]
    [InlineData("""{"dataType":"NUMERIC"}""", "name:")]
    [InlineData("""{"name":"","dataType":"NUMERIC"}""", "name:")]
    [InlineData("""{"name":"abcdefghijklmnopqrstuvwxyz0123456789","dataType":"NUMERIC"}""", "name: at most 35")]
    [InlineData("""{"name":"a/b","dataType":"NUMERIC"}""", "name: may hold only")]
    [InlineData("""{"name":7,"dataType":"NUMERIC"}""", "name: must be a string")]
    [InlineData("""{"name":"x"}""", "dataType:")]
    [InlineData("""{"name":"x","dataType":"CORRECTION"}""", "dataType:")]
    [InlineData("""{"name":"x","dataType":"CATEGORICAL"}""", "categories: required")]
    [InlineData("""{"name":"x","dataType":"CATEGORICAL","categories":[]}""", "categories: required")]
    [InlineData("""{"name":"x","dataType":"CATEGORICAL","categories":{"a":1}}""", "categories: must be an array")]
    [InlineData("""{"name":"x","dataType":"CATEGORICAL","categories":[{"label":"a","value":1},{"label":"a","value":2}]}""", "categories[1].label: duplicate")]
    [InlineData("""{"name":"x","dataType":"CATEGORICAL","categories":[{"label":"a","value":1},{"label":"b","value":1}]}""", "categories[1].value: duplicate")]
    [InlineData("""{"name":"x","dataType":"CATEGORICAL","categories":[{"label":"","value":1}]}""", "categories[0].label:")]
    [InlineData("""{"name":"x","dataType":"CATEGORICAL","categories":[{"label":"a","value":"1"}]}""", "categories[0].value:")]
    [InlineData("""{"name":"x","dataType":"CATEGORICAL","categories":[{"label":"a","value":1}],"minValue":0}""", "minValue: only NUMERIC")]
    [InlineData("""{"name":"x","dataType":"BOOLEAN","categories":[{"label":"True","value":1}]}""", "categories: BOOLEAN")]
    [InlineData("""{"name":"x","dataType":"BOOLEAN","maxValue":1}""", "maxValue: only NUMERIC")]
    [InlineData("""{"name":"x","dataType":"NUMERIC","categories":[{"label":"a","value":1}]}""", "categories: only CATEGORICAL")]
    [InlineData("""{"name":"x","dataType":"NUMERIC","minValue":5,"maxValue":5}""", "maxValue: must be greater than minValue")]
    [InlineData("""{"name":"x","dataType":"NUMERIC","minValue":"0"}""", "minValue: must be a finite number")]
    [InlineData("""{"name":"x","dataType":"TEXT","categories":[{"label":"a","value":1}]}""", "categories: only CATEGORICAL")]
    [InlineData("""{"name":"x","dataType":"NUMERIC","description":5}""", "description: must be a string")]
    [InlineData("""[1]""", "body: must be an object")]
    [InlineData("""{"name":""", "body: not valid JSON")]
    public async Task Create_InvalidBody_Returns400NamingTheField(string body, string expected)
    {
        using var client = await ClientAsync();

        var message = await BadRequestAsync(await client.PostAsync(Configs, new StringContent(body, Encoding.UTF8, "application/json")));

        Assert.StartsWith(expected, message, StringComparison.Ordinal);
        Assert.Empty((await client.GetOkAsync(Configs)).Ids());
    }

    [Fact]
    public async Task Patch_ArchivesRenamesAndRechecksTheWholeConfig()
    {
        using var client = await ClientAsync();
        var created = await CreateAsync(client, new { name = "quality", dataType = "NUMERIC", minValue = 0, maxValue = 1, description = "first" });
        var path = $"{Configs}/{created.GetProperty("id").GetString()}";

        var archived = await Tenant.ReadAsync(await client.PatchAsJsonAsync(path, new { isArchived = true, name = "quality v2", maxValue = 5, description = (string?)null }), HttpStatusCode.OK);
        Assert.Equal((true, "quality v2", 0.0, 5.0, JsonValueKind.Null),
            (archived.GetProperty("isArchived").GetBoolean(), archived.GetProperty("name").GetString(), archived.GetProperty("minValue").GetDouble(),
                archived.GetProperty("maxValue").GetDouble(), archived.GetProperty("description").ValueKind));
        Assert.Equal(created.GetProperty("createdAt").GetString(), archived.GetProperty("createdAt").GetString());
        Assert.True(archived.GetProperty("updatedAt").GetDateTime() >= created.GetProperty("updatedAt").GetDateTime());
        Assert.Equal(Json(archived), Json(await client.GetOkAsync(path)));

        // The merged config must still hold together; nothing changes when it does not.
        Assert.StartsWith("maxValue: must be greater than minValue", await BadRequestAsync(await client.PatchAsJsonAsync(path, new { minValue = 6 })), StringComparison.Ordinal);
        Assert.StartsWith("categories: only CATEGORICAL", await BadRequestAsync(await client.PatchAsJsonAsync(path, new { categories = new[] { new { label = "a", value = 1 } } })), StringComparison.Ordinal);
        Assert.StartsWith("dataType: cannot be changed", await BadRequestAsync(await client.PatchAsJsonAsync(path, new { dataType = "TEXT" })), StringComparison.Ordinal);
        Assert.StartsWith("body: cannot be empty", await BadRequestAsync(await client.PatchAsJsonAsync(path, new { })), StringComparison.Ordinal);
        Assert.StartsWith("isArchived: must be true or false", await BadRequestAsync(await client.PatchAsJsonAsync(path, new { isArchived = "yes" })), StringComparison.Ordinal);
        Assert.StartsWith("color: unknown field", await BadRequestAsync(await client.PatchAsJsonAsync(path, new { color = "red" })), StringComparison.Ordinal);
        Assert.Equal(Json(archived), Json(await client.GetOkAsync(path)));

        var restored = await Tenant.ReadAsync(await client.PatchAsJsonAsync(path, new { isArchived = false, minValue = (double?)null }), HttpStatusCode.OK);
        Assert.Equal((false, JsonValueKind.Null, 5.0), (restored.GetProperty("isArchived").GetBoolean(), restored.GetProperty("minValue").ValueKind, restored.GetProperty("maxValue").GetDouble()));
    }

    [Fact]
    public async Task Patch_CategoriesOfACategoricalConfig_ReplaceThem_AndBooleanCategoriesStayFixed()
    {
        using var client = await ClientAsync();
        var tone = await CreateAsync(client, new { name = "tone", dataType = "CATEGORICAL", categories = new[] { new { label = "good", value = 1 } } });
        var flag = await CreateAsync(client, new { name = "flag", dataType = "BOOLEAN" });

        var changed = await Tenant.ReadAsync(await client.PatchAsJsonAsync($"{Configs}/{tone.GetProperty("id").GetString()}",
            new { categories = new[] { new { label = "good", value = 1 }, new { label = "bad", value = 0 } } }), HttpStatusCode.OK);

        Assert.Equal("""[{"label":"good","value":1},{"label":"bad","value":0}]""", Json(changed.GetProperty("categories")));
        Assert.StartsWith("categories: BOOLEAN", await BadRequestAsync(await client.PatchAsJsonAsync($"{Configs}/{flag.GetProperty("id").GetString()}",
            new { categories = new[] { new { label = "yes", value = 1 } } })), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherProjectsConfig_IsNotFound_ForReadAndUpdate_AndNotListed()
    {
        using var owner = await ClientAsync();
        using var other = await ClientAsync();
        var created = await CreateAsync(owner, new { name = "private", dataType = "TEXT" });
        var path = $"{Configs}/{created.GetProperty("id").GetString()}";

        var notFound = await Tenant.ReadAsync(await other.GetAsync(path), HttpStatusCode.NotFound);
        Assert.Equal(("Score config not found within authorized project", "LangfuseNotFoundError"),
            (notFound.GetProperty("message").GetString(), notFound.GetProperty("error").GetString()));
        await Tenant.ReadAsync(await other.PatchAsJsonAsync(path, new { isArchived = true }), HttpStatusCode.NotFound);
        Assert.Empty((await other.GetOkAsync(Configs)).Ids());

        Assert.False((await owner.GetOkAsync(path)).GetProperty("isArchived").GetBoolean());
    }
}
