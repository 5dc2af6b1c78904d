using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

public sealed class OtelIngestionTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private SightlineProcess Server => shared.Server;

    private static string Hex(int bytes) => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..(bytes * 2)];

    private static string Export(string traceId, string rootId, string childId) => $$$$"""
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}},{"key":"deployment.environment.name","value":{"stringValue":"staging"}}]},
          "scopeSpans":[{"scope":{"name":"langfuse-sdk","version":"4.0.0"},"spans":[
            {"traceId":"{{{{traceId}}}}","spanId":"{{{{rootId}}}}","name":"handle-request","kind":1,
             "startTimeUnixNano":"1767225600000000000","endTimeUnixNano":"1767225602000000000",
             "attributes":[{"key":"langfuse.trace.name","value":{"stringValue":"checkout-flow"}},
                           {"key":"user.id","value":{"stringValue":"user-9"}},
                           {"key":"session.id","value":{"stringValue":"sess-9"}},
                           {"key":"langfuse.trace.tags","value":{"arrayValue":{"values":[{"stringValue":"otel"},{"stringValue":"js"}]}}},
                           {"key":"langfuse.observation.type","value":{"stringValue":"span"}}],
             "status":{"code":0}},
            {"traceId":"{{{{traceId}}}}","spanId":"{{{{childId}}}}","parentSpanId":"{{{{rootId}}}}","name":"openai.chat","kind":3,
             "startTimeUnixNano":"1767225600500000000","endTimeUnixNano":"1767225601500000000",
             "attributes":[{"key":"langfuse.observation.type","value":{"stringValue":"generation"}},
                           {"key":"langfuse.observation.model.name","value":{"stringValue":"gpt-4o"}},
                           {"key":"langfuse.observation.usage_details","value":{"stringValue":"{\"input\":12,\"output\":8}"}},
                           {"key":"langfuse.observation.input","value":{"stringValue":"[{\"role\":\"user\",\"content\":\"hi\"}]"}},
                           {"key":"langfuse.observation.output","value":{"stringValue":"{\"role\":\"assistant\",\"content\":\"hello\"}"}}],
             "status":{"code":2,"message":"rate limited"}}]}]}]}
        """;

    [Fact]
    public async Task OtlpJson_Gzipped_BecomesATraceWithNestedGeneration()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var (traceId, rootId, childId) = (Hex(16), Hex(8), Hex(8));
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(Export(traceId, rootId, childId)));
        }

        using var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        using var response = await client.PostAsync("/api/public/otel/v1/traces", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var trace = await Poll.UntilAsync(client, $"/api/public/traces/{traceId}", t => t.GetProperty("observations").GetArrayLength() == 2 && t.GetProperty("name").ValueKind == System.Text.Json.JsonValueKind.String);
        Assert.Equal("checkout-flow", trace.GetProperty("name").GetString());
        Assert.Equal(("user-9", "sess-9", "staging"), (trace.GetProperty("userId").GetString(), trace.GetProperty("sessionId").GetString(), trace.GetProperty("environment").GetString()));
        Assert.Equal(["js", "otel"], trace.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var generation = await Tenant.ReadAsync(await client.GetAsync($"/api/public/observations/{childId}"), HttpStatusCode.OK);
        Assert.Equal(("GENERATION", rootId, "gpt-4o"), (generation.GetProperty("type").GetString(), generation.GetProperty("parentObservationId").GetString(), generation.GetProperty("model").GetString()));
        Assert.Equal((12L, 8L), (generation.GetProperty("usageDetails").GetProperty("input").GetInt64(), generation.GetProperty("usageDetails").GetProperty("output").GetInt64()));
        Assert.Equal(("ERROR", "rate limited"), (generation.GetProperty("level").GetString(), generation.GetProperty("statusMessage").GetString()));
        Assert.Equal("2026-01-01T00:00:00.500Z", generation.GetProperty("startTime").GetString());
        Assert.Equal("hello", generation.GetProperty("output").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Otlp_WrongContentTypeOrBadBody_Returns400WithLangfuseBody()
    {
        using var client = Server.CreateClient(SharedServer.InitPublicKey, SharedServer.InitSecretKey);

        var wrongType = await Tenant.ReadAsync(await client.PostAsync("/api/public/otel/v1/traces", new StringContent("x", Encoding.UTF8, "text/plain")), HttpStatusCode.BadRequest);
        var badJson = await Tenant.ReadAsync(await client.PostAsync("/api/public/otel/v1/traces", new StringContent("{\"resourceSpans\":", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);

        Assert.Equal("Invalid content type", wrongType.GetProperty("error").GetString());
        Assert.Contains("JSON", badJson.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Otlp_WithPublicKeyAlone_Returns403()
    {
        using var client = Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SharedServer.InitPublicKey);

        using var response = await client.PostAsync("/api/public/otel/v1/traces", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
