using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

public sealed class IngestionTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private SightlineProcess Server => shared.Server;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Id() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Batch_WithOneBadEvent_Returns207AndStoresEveryValidEvent()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var (traceId, spanId, genId, eventId, scoreId) = (Id(), Id(), Id(), Id(), Id());
        var batch = $$$"""
            {"batch":[
              {"id":"e1","type":"trace-create","timestamp":"2026-01-01T00:00:00.000Z","body":{"id":"{{{traceId}}}","name":"chat","userId":"u-1","sessionId":"s-1","tags":["b","a"],"metadata":{"plan":"pro","n":3},"input":{"question":"hi"},"release":"r1","version":"v1","environment":"production"}},
              {"id":"e2","type":"span-create","timestamp":"2026-01-01T00:00:00.100Z","body":{"id":"{{{spanId}}}","traceId":"{{{traceId}}}","name":"retrieve","startTime":"2026-01-01T00:00:00.100Z","endTime":"2026-01-01T00:00:00.300Z"}},
              {"id":"e3","type":"generation-create","timestamp":"2026-01-01T00:00:00.300Z","body":{"id":"{{{genId}}}","traceId":"{{{traceId}}}","parentObservationId":"{{{spanId}}}","name":"llm","startTime":"2026-01-01T00:00:00.300Z","completionStartTime":"2026-01-01T00:00:00.500Z","endTime":"2026-01-01T00:00:01.300Z","model":"gpt-4o","modelParameters":{"temperature":0.1},"usageDetails":{"input":120,"output":30},"costDetails":{"input":0.0003,"output":0.0003},"input":[{"role":"user","content":"hi"}],"output":{"role":"assistant","content":"hello"} }},
              {"id":"e4","type":"event-create","timestamp":"2026-01-01T00:00:01.400Z","body":{"id":"{{{eventId}}}","traceId":"{{{traceId}}}","name":"done","level":"DEBUG"}},
              {"id":"e5","type":"score-create","timestamp":"2026-01-01T00:00:02.000Z","body":{"id":"{{{scoreId}}}","traceId":"{{{traceId}}}","observationId":"{{{genId}}}","name":"quality","value":0.9,"comment":"fine"}},
              {"id":"e6","type":"span-create","timestamp":"2026-01-01T00:00:00.000Z","body":{"id":"x","traceId":"{{{traceId}}}","startTime":"yesterday"}},
              {"id":"e7","type":"sdk-log","timestamp":"2026-01-01T00:00:00.000Z","body":{"log":"hello from the sdk"}}
            ]}
            """;

        var response = await Tenant.ReadAsync(await client.PostAsync("/api/public/ingestion", Json(batch)), HttpStatusCode.MultiStatus);

        Assert.Equal(["e1", "e2", "e3", "e4", "e5"], response.GetProperty("successes").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.All(response.GetProperty("successes").EnumerateArray(), s => Assert.Equal(201, s.GetProperty("status").GetInt32()));
        var error = Assert.Single(response.GetProperty("errors").EnumerateArray());
        Assert.Equal("e6", error.GetProperty("id").GetString());
        Assert.Equal(400, error.GetProperty("status").GetInt32());
        Assert.StartsWith("body.startTime:", error.GetProperty("error").GetString(), StringComparison.Ordinal);

        var trace = await Poll.UntilAsync(client, $"/api/public/traces/{traceId}", t => t.GetProperty("observations").GetArrayLength() == 3 && t.GetProperty("scores").GetArrayLength() == 1);
        Assert.Equal("chat", trace.GetProperty("name").GetString());
        Assert.Equal("u-1", trace.GetProperty("userId").GetString());
        Assert.Equal("s-1", trace.GetProperty("sessionId").GetString());
        Assert.Equal(["a", "b"], trace.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("pro", trace.GetProperty("metadata").GetProperty("plan").GetString());
        Assert.Equal(3, trace.GetProperty("metadata").GetProperty("n").GetInt32());
        Assert.Equal("hi", trace.GetProperty("input").GetProperty("question").GetString());
        Assert.Equal("production", trace.GetProperty("environment").GetString());
        Assert.Equal("2026-01-01T00:00:00.000Z", trace.GetProperty("timestamp").GetString());
        Assert.Equal($"/project/{tenant.ProjectId}/traces/{traceId}", trace.GetProperty("htmlPath").GetString());
        Assert.Equal(1.3, trace.GetProperty("latency").GetDouble(), 3);
        Assert.Equal(0.0006m, trace.GetProperty("totalCost").GetDecimal());

        var observations = trace.GetProperty("observations").EnumerateArray().ToDictionary(o => o.GetProperty("id").GetString()!);
        var generation = observations[genId];
        Assert.Equal("GENERATION", generation.GetProperty("type").GetString());
        Assert.Equal(spanId, generation.GetProperty("parentObservationId").GetString());
        Assert.Equal("gpt-4o", generation.GetProperty("model").GetString());
        Assert.Equal(0.1, generation.GetProperty("modelParameters").GetProperty("temperature").GetDouble());
        Assert.Equal(120, generation.GetProperty("usageDetails").GetProperty("input").GetInt64());
        Assert.Equal(150, generation.GetProperty("usageDetails").GetProperty("total").GetInt64());
        Assert.Equal(150, generation.GetProperty("totalTokens").GetInt64());
        Assert.Equal(0.0006m, generation.GetProperty("calculatedTotalCost").GetDecimal());
        Assert.Equal(1.0, generation.GetProperty("latency").GetDouble(), 3);
        Assert.Equal(0.2, generation.GetProperty("timeToFirstToken").GetDouble(), 3);
        Assert.Equal("hello", generation.GetProperty("output").GetProperty("content").GetString());
        Assert.Equal("SPAN", observations[spanId].GetProperty("type").GetString());
        Assert.Equal("EVENT", observations[eventId].GetProperty("type").GetString());
        Assert.Equal("DEBUG", observations[eventId].GetProperty("level").GetString());

        var score = trace.GetProperty("scores")[0];
        Assert.Equal((scoreId, "quality", 0.9, genId), (score.GetProperty("id").GetString(), score.GetProperty("name").GetString(), score.GetProperty("value").GetDouble(), score.GetProperty("observationId").GetString()));
        Assert.Equal("NUMERIC", score.GetProperty("dataType").GetString());

        var single = await Tenant.ReadAsync(await client.GetAsync($"/api/public/observations/{genId}"), HttpStatusCode.OK);
        Assert.Equal(traceId, single.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task UpdateBeforeCreate_InSeparateRequests_MergesIntoOneObservation()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var (traceId, spanId) = (Id(), Id());

        await Tenant.ReadAsync(await client.PostAsync("/api/public/ingestion", Json($$$"""
            {"batch":[{"id":"u1","type":"span-update","timestamp":"2026-01-01T00:00:05Z","body":{"id":"{{{spanId}}}","endTime":"2026-01-01T00:00:05Z","output":"late"}}]}
            """)), HttpStatusCode.MultiStatus);
        await Tenant.ReadAsync(await client.PostAsync("/api/public/ingestion", Json($$$"""
            {"batch":[{"id":"c1","type":"span-create","timestamp":"2026-01-01T00:00:00Z","body":{"id":"{{{spanId}}}","traceId":"{{{traceId}}}","name":"step","startTime":"2026-01-01T00:00:00Z","output":"early"}}]}
            """)), HttpStatusCode.MultiStatus);

        var span = await Poll.UntilAsync(client, $"/api/public/observations/{spanId}", o => o.TryGetProperty("name", out var n) && n.GetString() == "step");
        Assert.Equal(traceId, span.GetProperty("traceId").GetString());
        Assert.Equal("2026-01-01T00:00:05.000Z", span.GetProperty("endTime").GetString());
        var trace = await Poll.UntilAsync(client, $"/api/public/traces/{traceId}");
        Assert.Single(trace.GetProperty("observations").EnumerateArray());
    }

    [Theory]
    [InlineData("{\"batch\": [", "Invalid JSON")]
    [InlineData("{\"events\": []}", "batch:")]
    [InlineData("[1,2]", "batch:")]
    public async Task MalformedRequest_Returns400WithMessage(string body, string expected)
    {
        using var client = Server.CreateClient(SharedServer.InitPublicKey, SharedServer.InitSecretKey);

        var error = await Tenant.ReadAsync(await client.PostAsync("/api/public/ingestion", Json(body)), HttpStatusCode.BadRequest);

        Assert.Contains(expected, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedBody_Returns413NamingTheLimit()
    {
        using var client = Server.CreateClient(SharedServer.InitPublicKey, SharedServer.InitSecretKey);
        var big = "{\"batch\":[{\"id\":\"a\",\"type\":\"trace-create\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"body\":{\"id\":\"t\",\"input\":\"" + new string('x', 5_000_000) + "\"}}]}";

        var error = await Tenant.ReadAsync(await client.PostAsync("/api/public/ingestion", Json(big)), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("4718592 bytes", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyBatch_Returns207WithEmptyLists()
    {
        using var client = Server.CreateClient(SharedServer.InitPublicKey, SharedServer.InitSecretKey);

        var response = await Tenant.ReadAsync(await client.PostAsync("/api/public/ingestion", Json("{\"batch\":[]}")), HttpStatusCode.MultiStatus);

        Assert.Equal(0, response.GetProperty("successes").GetArrayLength());
        Assert.Equal(0, response.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task PublicKeyAlone_MayIngestScoresButNotTraces()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.PublicKey);
        var traceId = Id();

        var response = await Tenant.ReadAsync(await client.PostAsync("/api/public/ingestion", Json($$$"""
            {"batch":[
              {"id":"s","type":"score-create","timestamp":"2026-01-01T00:00:00Z","body":{"name":"thumbs","value":1,"dataType":"BOOLEAN","traceId":"{{{traceId}}}"}},
              {"id":"t","type":"trace-create","timestamp":"2026-01-01T00:00:00Z","body":{"id":"{{{traceId}}}"}}
            ]}
            """)), HttpStatusCode.MultiStatus);

        Assert.Equal("s", Assert.Single(response.GetProperty("successes").EnumerateArray()).GetProperty("id").GetString());
        var denied = Assert.Single(response.GetProperty("errors").EnumerateArray());
        Assert.Equal(("t", 401, "Access Scope Denied"), (denied.GetProperty("id").GetString(), denied.GetProperty("status").GetInt32(), denied.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task IngestedTrace_IsInvisibleToAnotherProject()
    {
        var a = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        var b = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var clientA = Server.CreateClient(a.PublicKey, a.SecretKey);
        using var clientB = Server.CreateClient(b.PublicKey, b.SecretKey);
        var (traceId, spanId) = (Id(), Id());

        await Tenant.ReadAsync(await clientA.PostAsync("/api/public/ingestion", Json($$$"""
            {"batch":[{"id":"1","type":"trace-create","timestamp":"2026-01-01T00:00:00Z","body":{"id":"{{{traceId}}}","name":"secret"}},
                      {"id":"2","type":"span-create","timestamp":"2026-01-01T00:00:00Z","body":{"id":"{{{spanId}}}","traceId":"{{{traceId}}}"}}]}
            """)), HttpStatusCode.MultiStatus);
        await Poll.UntilAsync(clientA, $"/api/public/traces/{traceId}", t => t.GetProperty("observations").GetArrayLength() == 1);

        await Tenant.ReadAsync(await clientB.GetAsync($"/api/public/traces/{traceId}"), HttpStatusCode.NotFound);
        await Tenant.ReadAsync(await clientB.GetAsync($"/api/public/observations/{spanId}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TraceWithoutId_IsAcknowledgedButNotStored_AndObservationOnlyTraceIsReadable()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var (traceId, spanId) = (Id(), Id());

        var response = await Tenant.ReadAsync(await client.PostAsync("/api/public/ingestion", Json($$$"""
            {"batch":[{"id":"noid","type":"trace-create","timestamp":"2026-01-01T00:00:00Z","body":{"name":"no id"}},
                      {"id":"span","type":"span-create","timestamp":"2026-01-01T00:00:00Z","body":{"id":"{{{spanId}}}","traceId":"{{{traceId}}}","startTime":"2026-01-01T00:00:03Z"}}]}
            """)), HttpStatusCode.MultiStatus);

        Assert.Equal(2, response.GetProperty("successes").GetArrayLength());
        var trace = await Poll.UntilAsync(client, $"/api/public/traces/{traceId}");
        Assert.Equal("2026-01-01T00:00:03.000Z", trace.GetProperty("timestamp").GetString());
        Assert.Equal(JsonValueKind.Null, trace.GetProperty("name").ValueKind);
    }
}
