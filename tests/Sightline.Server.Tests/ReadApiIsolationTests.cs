using System.Net;
using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

[Collection(ReadApiGroup.Name)]
public sealed class ReadApiIsolationTests(ReadApiServer fixture)
{
    private const string Range = "\"fromTimestamp\":\"2026-01-01T00:00:00Z\",\"toTimestamp\":\"2026-01-04T00:00:00Z\"";

    /// <summary>
    /// Every read route, called with project B's key, for a path that would hit project A's data. The expected
    /// status is what B's own data gives (404 where only A has the id).
    /// </summary>
    private static readonly (string Route, string Path, HttpStatusCode Status)[] Calls =
    [
        ("/api/public/traces", "/api/public/traces?fields=core,io,scores,observations,metrics", HttpStatusCode.OK),
        ("/api/public/traces", "/api/public/traces?userId=u-1", HttpStatusCode.OK),
        ("/api/public/traces/{traceId}", "/api/public/traces/t1", HttpStatusCode.OK),
        ("/api/public/traces/{traceId}", "/api/public/traces/t3", HttpStatusCode.NotFound),
        ("/api/public/observations", "/api/public/observations", HttpStatusCode.OK),
        ("/api/public/observations", "/api/public/observations?traceId=t3", HttpStatusCode.OK),
        ("/api/public/observations/{observationId}", "/api/public/observations/t1-gen", HttpStatusCode.OK),
        ("/api/public/observations/{observationId}", "/api/public/observations/t2-gen", HttpStatusCode.NotFound),
        ("/api/public/v2/observations", "/api/public/v2/observations?fields=core,basic,io,metadata,model,usage,prompt,metrics,trace_context,time", HttpStatusCode.OK),
        ("/api/public/sessions", "/api/public/sessions", HttpStatusCode.OK),
        ("/api/public/sessions/{sessionId}", "/api/public/sessions/s-1", HttpStatusCode.OK),
        ("/api/public/sessions/{sessionId}", "/api/public/sessions/s-2", HttpStatusCode.NotFound),
        ("/api/public/metrics/daily", "/api/public/metrics/daily", HttpStatusCode.OK),
        ("/api/public/metrics", "/api/public/metrics?query=" + ApiCalls.Query($$"""{"view":"traces","dimensions":[{"field":"name"},{"field":"userId"}],"metrics":[{"measure":"count","aggregation":"count"},{"measure":"totalCost","aggregation":"sum"}],{{Range}}}"""), HttpStatusCode.OK),
        ("/api/public/metrics", "/api/public/metrics?query=" + ApiCalls.Query($$"""{"view":"observations","dimensions":[{"field":"providedModelName"},{"field":"environment"}],"metrics":[{"measure":"count","aggregation":"count"}],{{Range}}}"""), HttpStatusCode.OK),
        ("/api/public/metrics", "/api/public/metrics?query=" + ApiCalls.Query($$"""{"view":"scores-categorical","dimensions":[{"field":"name"}],"metrics":[{"measure":"count","aggregation":"count"}],{{Range}}}"""), HttpStatusCode.OK),
        ("/api/public/v2/metrics", "/api/public/v2/metrics?query=" + ApiCalls.Query($$"""{"view":"scores-numeric","dimensions":[{"field":"name"},{"field":"traceName"}],"metrics":[{"measure":"value","aggregation":"sum"}],{{Range}}}"""), HttpStatusCode.OK),
    ];

    [Fact]
    public async Task EveryReadEndpoint_WithAnotherProjectsKey_ReturnsNoneOfTheFirstProjectsData()
    {
        using var b = fixture.ClientB();

        foreach (var (_, path, status) in Calls)
        {
            using var response = await b.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{path} answered {(int)response.StatusCode}: {body}");
            foreach (var marker in ReadApiDataset.ProjectAMarkers)
            {
                Assert.False(body.Contains(marker, StringComparison.Ordinal), $"{path} returned project A's {marker}: {body}");
            }
        }
    }

    [Fact]
    public async Task EveryReadEndpoint_WithTheSecondProjectsKey_SeesItsOwnData()
    {
        using var b = fixture.ClientB();

        Assert.Equal(["t1"], (await b.GetOkAsync("/api/public/traces")).Ids());
        Assert.Equal("other-project", (await b.GetOkAsync("/api/public/traces/t1")).GetProperty("name").GetString());
        Assert.Equal(["t1-gen"], (await b.GetOkAsync("/api/public/observations")).Ids());
        Assert.Equal(["t1-gen"], (await b.GetOkAsync("/api/public/v2/observations")).Ids());
        Assert.Equal(["s-1"], (await b.GetOkAsync("/api/public/sessions")).Ids());
        var day = Assert.Single((await b.GetOkAsync("/api/public/metrics/daily")).GetProperty("data").EnumerateArray());
        Assert.Equal((1L, 1L, 0.5m), (day.GetProperty("countTraces").GetInt64(), day.GetProperty("countObservations").GetInt64(), day.GetProperty("totalCost").GetDecimal()));
        var scores = (await b.GetOkAsync("/api/public/metrics?query=" + ApiCalls.Query($$"""{"view":"scores-numeric","metrics":[{"measure":"value","aggregation":"sum"}],{{Range}}}""")))
            .GetProperty("data")[0];
        Assert.Equal(0.1, scores.GetProperty("sum_value").GetDouble(), 6);
    }

    [Fact]
    public async Task IsolationTable_CoversEveryReadRouteInTheOpenApiDocument()
    {
        using var anonymous = fixture.Server.CreateClient();
        string[] families = ["/api/public/traces", "/api/public/observations", "/api/public/sessions", "/api/public/metrics", "/api/public/v2/observations", "/api/public/v2/metrics"];

        var document = await anonymous.GetOkAsync("/api/public/openapi.json");

        var readRoutes = document.GetProperty("paths").EnumerateObject()
            .Where(p => families.Any(f => p.Name.StartsWith(f, StringComparison.Ordinal)) && p.Value.TryGetProperty("get", out _))
            .Select(p => p.Name).ToList();
        Assert.NotEmpty(readRoutes);
        Assert.Empty(readRoutes.Except(Calls.Select(c => c.Route)));
    }
}
