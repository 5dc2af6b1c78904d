using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

public sealed class ModelsApiTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private SightlineProcess Server => shared.Server;

    private static object FlatModel(string name) => new
    {
        modelName = name,
        matchPattern = $"(?i)^{name}$",
        unit = "TOKENS",
        inputPrice = 0.001m,
        outputPrice = 0.002m,
        tokenizerId = "openai",
        tokenizerConfig = new { tokenizerModel = "gpt-4o" },
    };

    private static string Name() => "model-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task CreateGetDelete_ProjectModel_RoundTripsAndIsGoneAfterDelete()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var name = Name();

        var created = await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/models", FlatModel(name)), HttpStatusCode.OK);
        var id = created.GetProperty("id").GetString()!;

        Assert.Equal(name, created.GetProperty("modelName").GetString());
        Assert.Equal("TOKENS", created.GetProperty("unit").GetString());
        Assert.False(created.GetProperty("isLangfuseManaged").GetBoolean());
        Assert.Equal(0.001m, created.GetProperty("inputPrice").GetDecimal());
        Assert.Equal(0.002m, created.GetProperty("outputPrice").GetDecimal());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("totalPrice").ValueKind);
        Assert.Equal(0.001m, created.GetProperty("prices").GetProperty("input").GetProperty("price").GetDecimal());
        var tier = Assert.Single(created.GetProperty("pricingTiers").EnumerateArray());
        Assert.Equal(("Standard", true, 0), (tier.GetProperty("name").GetString(), tier.GetProperty("isDefault").GetBoolean(), tier.GetProperty("priority").GetInt32()));
        Assert.Equal("gpt-4o", created.GetProperty("tokenizerConfig").GetProperty("tokenizerModel").GetString());

        var read = await Tenant.ReadAsync(await client.GetAsync($"/api/public/models/{id}"), HttpStatusCode.OK);
        Assert.Equal(created.GetRawText(), read.GetRawText());

        var deleted = await Tenant.ReadAsync(await client.DeleteAsync($"/api/public/models/{id}"), HttpStatusCode.OK);
        Assert.Equal("Model successfully deleted", deleted.GetProperty("message").GetString());
        await Tenant.ReadAsync(await client.GetAsync($"/api/public/models/{id}"), HttpStatusCode.NotFound);
        await Tenant.ReadAsync(await client.DeleteAsync($"/api/public/models/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_ShowsProjectModelsBeforeBuiltIns_WithPageMeta()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var created = await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/models", FlatModel(Name())), HttpStatusCode.OK);

        var first = await Tenant.ReadAsync(await client.GetAsync("/api/public/models?page=1&limit=1"), HttpStatusCode.OK);
        var second = await Tenant.ReadAsync(await client.GetAsync("/api/public/models?page=2&limit=1"), HttpStatusCode.OK);
        var all = await Tenant.ReadAsync(await client.GetAsync("/api/public/models?limit=100"), HttpStatusCode.OK);

        Assert.Equal(created.GetProperty("id").GetString(), Assert.Single(first.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());
        Assert.True(Assert.Single(second.GetProperty("data").EnumerateArray()).GetProperty("isLangfuseManaged").GetBoolean());
        var meta = first.GetProperty("meta");
        var total = meta.GetProperty("totalItems").GetInt32();
        Assert.True(total > 40);
        Assert.Equal((1, 1, total), (meta.GetProperty("page").GetInt32(), meta.GetProperty("limit").GetInt32(), meta.GetProperty("totalPages").GetInt32()));
        Assert.Contains(all.GetProperty("data").EnumerateArray(), m => m.GetProperty("modelName").GetString() == "gpt-4o");
        await Tenant.ReadAsync(await client.GetAsync("/api/public/models?limit=101"), HttpStatusCode.BadRequest);
        await Tenant.ReadAsync(await client.GetAsync("/api/public/models?page=0"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task BuiltInModel_CanBeReadButNotDeleted()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);

        var model = await Tenant.ReadAsync(await client.GetAsync("/api/public/models/openai-gpt-4o"), HttpStatusCode.OK);

        Assert.True(model.GetProperty("isLangfuseManaged").GetBoolean());
        Assert.Equal("gpt-4o", model.GetProperty("modelName").GetString());
        Assert.Equal(0.0000025m, model.GetProperty("inputPrice").GetDecimal());
        Assert.Equal(0.00000125m, model.GetProperty("prices").GetProperty("input_cached_tokens").GetProperty("price").GetDecimal());
        await Tenant.ReadAsync(await client.DeleteAsync("/api/public/models/openai-gpt-4o"), HttpStatusCode.NotFound);
        await Tenant.ReadAsync(await client.GetAsync("/api/public/models/openai-gpt-4o"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnotherProjectsModel_IsNotFound()
    {
        var owner = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        var other = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var ownerClient = Server.CreateClient(owner.PublicKey, owner.SecretKey);
        using var otherClient = Server.CreateClient(other.PublicKey, other.SecretKey);
        var created = await Tenant.ReadAsync(await ownerClient.PostAsJsonAsync("/api/public/models", FlatModel(Name())), HttpStatusCode.OK);
        var id = created.GetProperty("id").GetString();

        await Tenant.ReadAsync(await otherClient.GetAsync($"/api/public/models/{id}"), HttpStatusCode.NotFound);
        await Tenant.ReadAsync(await otherClient.DeleteAsync($"/api/public/models/{id}"), HttpStatusCode.NotFound);
        var list = await Tenant.ReadAsync(await otherClient.GetAsync("/api/public/models?limit=100"), HttpStatusCode.OK);
        Assert.DoesNotContain(list.GetProperty("data").EnumerateArray(), m => m.GetProperty("id").GetString() == id);
        await Tenant.ReadAsync(await ownerClient.GetAsync($"/api/public/models/{id}"), HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"modelName":"m","matchPattern":"(unclosed","unit":"TOKENS"}""", "matchPattern")]
    [InlineData("""{"matchPattern":"^m$","unit":"TOKENS"}""", "modelName")]
    [InlineData("""{"modelName":"m","matchPattern":"^m$","unit":"PARSECS"}""", "unit")]
    [InlineData("""{"modelName":"m","matchPattern":"^m$","unit":"TOKENS","inputPrice":1,"pricingTiers":[{"name":"Standard","isDefault":true,"priority":0,"prices":{"input":1}}]}""", "pricingTiers")]
    [InlineData("""{"modelName":"m","matchPattern":"^m$","unit":"TOKENS","pricingTiers":[{"name":"A","isDefault":false,"priority":1,"conditions":[{"usageDetailPattern":"input","operator":"gt","value":1}],"prices":{"input":1}}]}""", "pricingTiers")]
    [InlineData("""not json""", "body")]
    public async Task Create_InvalidBody_Returns400NamingTheField(string body, string field)
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);

        var error = await Tenant.ReadAsync(
            await client.PostAsync("/api/public/models", new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);

        Assert.StartsWith(field, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("InvalidRequestError", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Ingestion_PricesGenerationsWithTheProjectModelAndTheBuiltInTable()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var name = Name();
        var created = await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/models", FlatModel(name)), HttpStatusCode.OK);
        var (traceId, ownId, builtInId, providedId) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        var batch = $$$"""
            {"batch":[
              {"id":"e1","type":"generation-create","timestamp":"2026-01-01T00:00:00.000Z","body":{"id":"{{{ownId}}}","traceId":"{{{traceId}}}","startTime":"2026-01-01T00:00:00.000Z","model":"{{{name}}}","usageDetails":{"input":10,"output":5} } },
              {"id":"e2","type":"generation-create","timestamp":"2026-01-01T00:00:00.000Z","body":{"id":"{{{builtInId}}}","traceId":"{{{traceId}}}","startTime":"2026-01-01T00:00:00.000Z","model":"gpt-4o-2024-08-06","usageDetails":{"prompt_tokens":3000,"completion_tokens":500,"total_tokens":3500,"prompt_tokens_details":{"cached_tokens":2000} } }},
              {"id":"e3","type":"generation-create","timestamp":"2026-01-01T00:00:00.000Z","body":{"id":"{{{providedId}}}","traceId":"{{{traceId}}}","startTime":"2026-01-01T00:00:00.000Z","model":"gpt-4o","usageDetails":{"input":1000,"output":1000},"costDetails":{"total":0.5} } }
            ]}
            """;
        await Tenant.ReadAsync(await client.PostAsync("/api/public/ingestion", new StringContent(batch, Encoding.UTF8, "application/json")), HttpStatusCode.MultiStatus);

        var own = await Poll.UntilAsync(client, $"/api/public/observations/{ownId}");
        var builtIn = await Poll.UntilAsync(client, $"/api/public/observations/{builtInId}");
        var provided = await Poll.UntilAsync(client, $"/api/public/observations/{providedId}");

        Assert.Equal(created.GetProperty("id").GetString(), own.GetProperty("modelId").GetString());
        Assert.Equal(0.02m, own.GetProperty("calculatedTotalCost").GetDecimal());
        Assert.Equal("Standard", own.GetProperty("usagePricingTierName").GetString());

        // 1000 uncached input at 2.50/M, 2000 cached at 1.25/M, 500 output at 10/M.
        Assert.Equal("openai-gpt-4o", builtIn.GetProperty("modelId").GetString());
        Assert.Equal(0.0025m, builtIn.GetProperty("costDetails").GetProperty("input_cached_tokens").GetDecimal());
        Assert.Equal(0.01m, builtIn.GetProperty("calculatedTotalCost").GetDecimal());

        Assert.Equal("openai-gpt-4o", provided.GetProperty("modelId").GetString());
        Assert.Equal(0.5m, provided.GetProperty("calculatedTotalCost").GetDecimal());
    }

    [Fact]
    public async Task DeletedProjectModel_NoLongerPricesNewObservations()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var created = await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/models", new
        {
            modelName = "gpt-4o",
            matchPattern = "(?i)^gpt-4o$",
            unit = "TOKENS",
            totalPrice = 1m,
        }), HttpStatusCode.OK);
        await Tenant.ReadAsync(await client.DeleteAsync($"/api/public/models/{created.GetProperty("id").GetString()}"), HttpStatusCode.OK);
        var (traceId, id) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        var batch = $$$"""
            {"batch":[{"id":"e1","type":"generation-create","timestamp":"2026-01-01T00:00:00.000Z","body":{"id":"{{{id}}}","traceId":"{{{traceId}}}","startTime":"2026-01-01T00:00:00.000Z","model":"gpt-4o","usageDetails":{"input":1000,"output":100} } }]}
            """;
        await Tenant.ReadAsync(await client.PostAsync("/api/public/ingestion", new StringContent(batch, Encoding.UTF8, "application/json")), HttpStatusCode.MultiStatus);

        var observation = await Poll.UntilAsync(client, $"/api/public/observations/{id}");

        Assert.Equal("openai-gpt-4o", observation.GetProperty("modelId").GetString());
        Assert.Equal(0.0035m, observation.GetProperty("calculatedTotalCost").GetDecimal());
    }
}
