using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

[Collection(ReadApiGroup.Name)]
public sealed class TracesApiTests(ReadApiServer fixture)
{
    private static readonly string[] DeletedTogether = ["d2", "d3", "never-existed"];

    [Fact]
    public async Task List_WithoutParameters_ReturnsAllTracesNewestFirstWithEveryFieldGroup()
    {
        using var client = fixture.ClientA();

        var body = await client.GetOkAsync("/api/public/traces");

        Assert.Equal(ReadApiDataset.TracesNewestFirst, body.Ids());
        Assert.Equal((1, 50, 5L, 1L), body.Meta());
        var t1 = body.GetProperty("data").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "t1");
        Assert.Equal(("chat", "u-1", "s-1", "r1", "v1", "production"), (t1.GetProperty("name").GetString(), t1.GetProperty("userId").GetString(),
            t1.GetProperty("sessionId").GetString(), t1.GetProperty("release").GetString(), t1.GetProperty("version").GetString(), t1.GetProperty("environment").GetString()));
        Assert.Equal("2026-01-01T10:00:00.000Z", t1.GetProperty("timestamp").GetString());
        Assert.Equal("hello", t1.GetProperty("input").GetProperty("q").GetString());
        Assert.Equal("hi", t1.GetProperty("output").GetString());
        Assert.Equal("pro", t1.GetProperty("metadata").GetProperty("plan").GetString());
        Assert.Equal(["a", "b"], t1.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["t1-span", "t1-gen"], t1.GetProperty("observations").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(["t1-quality", "t1-sentiment"], t1.GetProperty("scores").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(2.0, t1.GetProperty("latency").GetDouble(), 3);
        Assert.Equal(0.003m, t1.GetProperty("totalCost").GetDecimal());
        Assert.Equal($"/project/{fixture.A.ProjectId}/traces/t1", t1.GetProperty("htmlPath").GetString());
        Assert.Equal(fixture.A.ProjectId, t1.GetProperty("projectId").GetString());
    }

    [Fact]
    public async Task List_ComputesLatencyAndCostPerTraceFromItsObservations()
    {
        using var client = fixture.ClientA();

        var body = await client.GetOkAsync("/api/public/traces?fields=core,metrics");

        var metrics = body.GetProperty("data").EnumerateArray().ToDictionary(
            t => t.GetProperty("id").GetString()!, t => (t.GetProperty("latency").GetDouble(), t.GetProperty("totalCost").GetDecimal()));
        Assert.Equal((2.0, 0.003m), metrics["t1"]);
        Assert.Equal((3.0, 0.0005m), metrics["t2"]);
        // t3's event has no end; its span ends last, four seconds after the first start.
        Assert.Equal((4.0, 0.0001m), metrics["t3"]);
        Assert.Equal((0.0, 0m), metrics["t4"]);
        Assert.Equal((0.25, 0.00002m), metrics["t5"]);
    }

    [Theory]
    [InlineData("userId=u-1", "t3,t1")]
    [InlineData("name=chat", "t2,t1")]
    [InlineData("sessionId=s-1", "t2,t1")]
    [InlineData("fromTimestamp=2026-01-02T09:00:00.000Z", "t5,t4,t3")]
    [InlineData("toTimestamp=2026-01-02T09:00:00Z", "t2,t1")]
    [InlineData("fromTimestamp=2026-01-01T10:30:00Z&toTimestamp=2026-01-03T08:00:00.001Z", "t4,t3,t2")]
    [InlineData("fromTimestamp=2026-01-02T10:00:00%2B01:00", "t5,t4,t3")]
    [InlineData("tags=a", "t5,t2,t1")]
    [InlineData("tags=a&tags=b", "t5,t1")]
    [InlineData("tags=c&tags=b&tags=a", "t5")]
    [InlineData("version=v1", "t2,t1")]
    [InlineData("release=r1", "t3,t1")]
    [InlineData("environment=production", "t4,t2,t1")]
    [InlineData("environment=production&environment=staging", "t4,t3,t2,t1")]
    [InlineData("userId=u-1&environment=production", "t1")]
    [InlineData("name=nobody", "")]
    [InlineData("userId=&name=", "t5,t4,t3,t2,t1")]
    public async Task List_Filter_ReturnsExactlyTheMatchingTraces(string query, string expected)
    {
        using var client = fixture.ClientA();

        var body = await client.GetOkAsync($"/api/public/traces?{query}");

        var ids = expected.Split(',', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ids, body.Ids());
        Assert.Equal(ids.Length, body.Meta().TotalItems);
    }

    [Theory]
    [InlineData("timestamp.asc", "t1,t2,t3,t4,t5")]
    [InlineData("timestamp.DESC", "t5,t4,t3,t2,t1")]
    [InlineData("id.desc", "t5,t4,t3,t2,t1")]
    [InlineData("name.asc", "t1,t2,t5,t3,t4")]
    [InlineData("name.desc", "t4,t3,t5,t2,t1")]
    [InlineData("userId.asc", "t1,t3,t2,t5,t4")]
    [InlineData("sessionId.desc", "t5,t3,t2,t1,t4")]
    [InlineData("release.asc", "t1,t3,t2,t5,t4")]
    [InlineData("version.desc", "t5,t3,t2,t1,t4")]
    public async Task List_OrderBy_SortsWithNullsLastAndIdBreakingTies(string orderBy, string expected)
    {
        using var client = fixture.ClientA();

        var body = await client.GetOkAsync($"/api/public/traces?orderBy={orderBy}");

        Assert.Equal(expected.Split(','), body.Ids());
    }

    [Theory]
    [InlineData("""[{"type":"string","column":"userId","operator":"=","value":"u-1"}]""", "", "t3,t1")]
    [InlineData("""[{"type":"arrayOptions","column":"tags","operator":"all of","value":["a","b"]}]""", "", "t5,t1")]
    [InlineData("""[{"type":"arrayOptions","column":"tags","operator":"none of","value":["a"]}]""", "", "t4,t3")]
    [InlineData("""[{"type":"datetime","column":"timestamp","operator":">","value":"2026-01-02T09:00:00Z"}]""", "", "t5,t4")]
    [InlineData("""[{"type":"stringObject","column":"metadata","key":"plan","operator":"=","value":"pro"}]""", "", "t1")]
    [InlineData("""[{"type":"string","column":"name","operator":"contains","value":"ea"}]""", "", "t4,t3")]
    [InlineData("""[{"type":"stringOptions","column":"environment","operator":"none of","value":["production"]}]""", "", "t5,t3")]
    [InlineData("""[{"type":"null","column":"sessionId","operator":"is null","value":""}]""", "", "t4")]
    [InlineData("""[{"type":"boolean","column":"bookmarked","operator":"=","value":false}]""", "&name=chat", "t2,t1")]
    // A simple parameter gives way to a condition on the same column and still applies otherwise.
    [InlineData("""[{"type":"string","column":"userId","operator":"=","value":"u-1"}]""", "&userId=u-2", "t3,t1")]
    [InlineData("""[{"type":"string","column":"userId","operator":"=","value":"u-1"}]""", "&name=search", "t3")]
    public async Task List_FilterExpression_ReturnsExactlyTheMatchingTraces(string filter, string parameters, string expected)
    {
        using var client = fixture.ClientA();

        var body = await client.GetOkAsync($"/api/public/traces?filter={ApiCalls.Query(filter)}{parameters}");

        Assert.Equal(expected.Split(','), body.Ids());
        Assert.Equal(expected.Split(',').Length, body.Meta().TotalItems);
    }

    [Theory]
    [InlineData("[{", "filter:")]
    [InlineData("""{"column":"name"}""", "filter:")]
    [InlineData("""[{"type":"number","column":"latency","operator":">","value":1}]""", "filter[0].column:")]
    [InlineData("""[{"type":"string","column":"tags","operator":"=","value":"a"}]""", "filter[0].type:")]
    [InlineData("""[{"type":"string","column":"name","operator":"like","value":"a"}]""", "filter[0].operator:")]
    [InlineData("""[{"type":"datetime","column":"timestamp","operator":">","value":"2026-01-02"}]""", "filter[0].value:")]
    public async Task List_BadFilterExpression_Returns400NamingThePart(string filter, string part)
    {
        using var client = fixture.ClientA();

        await client.GetBadRequestAsync($"/api/public/traces?filter={ApiCalls.Query(filter)}", part);
    }

    [Fact]
    public async Task List_Pages_SplitTheOrderedListWithoutOverlap()
    {
        using var client = fixture.ClientA();

        var pages = new List<JsonElement>();
        for (var page = 1; page <= 4; page++)
        {
            pages.Add(await client.GetOkAsync($"/api/public/traces?limit=2&page={page}"));
        }

        Assert.Equal(["t5", "t4"], pages[0].Ids());
        Assert.Equal(["t3", "t2"], pages[1].Ids());
        Assert.Equal(["t1"], pages[2].Ids());
        Assert.Empty(pages[3].Ids());
        Assert.Equal((2, 2, 5L, 3L), pages[1].Meta());
        Assert.Equal((4, 2, 5L, 3L), pages[3].Meta());
        Assert.Equal((1, 3, 2L, 1L), (await client.GetOkAsync("/api/public/traces?limit=3&userId=u-1")).Meta());
    }

    [Fact]
    public async Task List_Fields_LeaveOutTheGroupsNotAskedFor()
    {
        using var client = fixture.ClientA();

        var core = Single(await client.GetOkAsync("/api/public/traces?fields=core&name=chat&userId=u-1"));
        var scores = Single(await client.GetOkAsync("/api/public/traces?fields=core,scores&name=chat&userId=u-1"));
        var junk = Single(await client.GetOkAsync("/api/public/traces?fields=nonsense&name=chat&userId=u-1"));

        Assert.Equal(JsonValueKind.Null, core.GetProperty("input").ValueKind);
        Assert.Equal(JsonValueKind.Null, core.GetProperty("output").ValueKind);
        Assert.Equal("{}", core.GetProperty("metadata").GetRawText());
        Assert.Equal(0, core.GetProperty("observations").GetArrayLength());
        Assert.Equal(0, core.GetProperty("scores").GetArrayLength());
        Assert.Equal(-1, core.GetProperty("latency").GetDouble());
        Assert.Equal(-1, core.GetProperty("totalCost").GetDecimal());
        Assert.Equal("chat", core.GetProperty("name").GetString());
        Assert.Equal(2, scores.GetProperty("scores").GetArrayLength());
        Assert.Equal(0, scores.GetProperty("observations").GetArrayLength());
        Assert.Equal(-1, scores.GetProperty("latency").GetDouble());
        // Unknown group names are dropped; naming no known group selects them all, as in Langfuse.
        Assert.Equal(2, junk.GetProperty("observations").GetArrayLength());
        Assert.Equal("pro", junk.GetProperty("metadata").GetProperty("plan").GetString());

        static JsonElement Single(JsonElement body) => Assert.Single(body.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Get_WithFields_ReturnsOnlyTheAskedGroups()
    {
        using var client = fixture.ClientA();

        var full = await client.GetOkAsync("/api/public/traces/t1");
        var core = await client.GetOkAsync("/api/public/traces/t1?fields=core,metrics");

        Assert.Equal(2, full.GetProperty("observations").GetArrayLength());
        Assert.Equal("GENERATION", full.GetProperty("observations")[1].GetProperty("type").GetString());
        Assert.Equal(2, full.GetProperty("scores").GetArrayLength());
        Assert.Equal(0, core.GetProperty("observations").GetArrayLength());
        Assert.Equal(0, core.GetProperty("scores").GetArrayLength());
        Assert.Equal(2.0, core.GetProperty("latency").GetDouble(), 3);
        Assert.Equal(0.003m, core.GetProperty("totalCost").GetDecimal());
        Assert.Equal(JsonValueKind.Null, core.GetProperty("input").ValueKind);
        var missing = await Tenant.ReadAsync(await client.GetAsync("/api/public/traces/nope"), HttpStatusCode.NotFound);
        Assert.Equal("Trace nope not found within authorized project", missing.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("orderBy=junk", "orderBy:")]
    [InlineData("orderBy=timestamp", "orderBy:")]
    [InlineData("orderBy=timestamp.up", "orderBy:")]
    [InlineData("orderBy=input.asc", "orderBy:")]
    [InlineData("limit=101", "limit:")]
    [InlineData("limit=0", "limit:")]
    [InlineData("limit=ten", "limit:")]
    [InlineData("page=0", "page:")]
    [InlineData("page=-1", "page:")]
    [InlineData("fromTimestamp=2026-01-01", "fromTimestamp:")]
    [InlineData("fromTimestamp=2026-01-01T00:00:00", "fromTimestamp:")]
    [InlineData("toTimestamp=yesterday", "toTimestamp:")]
    public async Task List_BadParameter_Returns400NamingIt(string query, string parameter)
    {
        using var client = fixture.ClientA();

        await client.GetBadRequestAsync($"/api/public/traces?{query}", parameter);
    }

    [Fact]
    public async Task Delete_OneAndMany_RemovesTracesWithTheirObservationsAndScores_OnlyInTheCallersProject()
    {
        var owner = await Tenant.CreateAsync(fixture.Server, SharedServer.AdminKey);
        var other = await Tenant.CreateAsync(fixture.Server, SharedServer.AdminKey);
        using var client = fixture.Server.CreateClient(owner.PublicKey, owner.SecretKey);
        using var otherClient = fixture.Server.CreateClient(other.PublicKey, other.SecretKey);
        var batch = new StringBuilder("{\"batch\":[");
        for (var i = 1; i <= 4; i++)
        {
            batch.Append($$$"""
                {"id":"t{{{i}}}","type":"trace-create","timestamp":"2026-02-0{{{i}}}T00:00:00Z","body":{"id":"d{{{i}}}","name":"n{{{i}}}"}},
                {"id":"o{{{i}}}","type":"span-create","timestamp":"2026-02-0{{{i}}}T00:00:00Z","body":{"id":"d{{{i}}}-span","traceId":"d{{{i}}}","startTime":"2026-02-0{{{i}}}T00:00:00Z"}},
                {"id":"s{{{i}}}","type":"score-create","timestamp":"2026-02-0{{{i}}}T00:00:01Z","body":{"id":"d{{{i}}}-score","traceId":"d{{{i}}}","observationId":"d{{{i}}}-span","name":"q","value":1}},
                """);
        }

        await ReadApiServer.IngestAsync(client, batch.ToString().TrimEnd().TrimEnd(',') + "]}");
        await ReadApiServer.IngestAsync(otherClient, """{"batch":[{"id":"x","type":"trace-create","timestamp":"2026-02-01T00:00:00Z","body":{"id":"d1","name":"kept"}}]}""");
        await Poll.UntilAsync(client, "/api/public/traces?fields=core,observations,scores", b =>
            b.GetProperty("meta").GetProperty("totalItems").GetInt32() == 4
            && b.GetProperty("data").EnumerateArray().All(t => t.GetProperty("scores").GetArrayLength() == 1 && t.GetProperty("observations").GetArrayLength() == 1));
        await Poll.UntilAsync(otherClient, "/api/public/traces/d1");

        // Another project deleting the same id gets Langfuse's 200 but removes nothing of this project.
        var foreign = await Tenant.ReadAsync(await otherClient.DeleteAsync("/api/public/traces/d2"), HttpStatusCode.OK);
        Assert.Equal("Trace deleted successfully", foreign.GetProperty("message").GetString());
        var one = await Tenant.ReadAsync(await client.DeleteAsync("/api/public/traces/d1"), HttpStatusCode.OK);
        Assert.Equal("Trace deleted successfully", one.GetProperty("message").GetString());
        var many = await Tenant.ReadAsync(await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/public/traces")
        {
            Content = JsonContent.Create(new { traceIds = DeletedTogether }),
        }), HttpStatusCode.OK);
        Assert.Equal("Traces deleted successfully", many.GetProperty("message").GetString());

        Assert.Equal(["d4"], (await client.GetOkAsync("/api/public/traces")).Ids());
        Assert.Equal(["d4-span"], (await client.GetOkAsync("/api/public/observations")).Ids());
        await Tenant.ReadAsync(await client.GetAsync("/api/public/traces/d1"), HttpStatusCode.NotFound);
        await Tenant.ReadAsync(await client.GetAsync("/api/public/observations/d2-span"), HttpStatusCode.NotFound);
        var scores = await client.GetOkAsync($"/api/public/metrics?query={ApiCalls.Query("""{"view":"scores-numeric","metrics":[{"measure":"count","aggregation":"count"}],"fromTimestamp":"2026-01-01T00:00:00Z","toTimestamp":"2026-03-01T00:00:00Z"}""")}");
        Assert.Equal(1, scores.GetProperty("data")[0].GetProperty("count_count").GetInt64());
        Assert.Equal("kept", (await otherClient.GetOkAsync("/api/public/traces/d1")).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("""{"traceIds":[]}""", "traceIds:")]
    [InlineData("""{"traceIds":"d1"}""", "traceIds:")]
    [InlineData("""{"traceIds":[1]}""", "traceIds[0]:")]
    [InlineData("""{"ids":["d1"]}""", "body.ids:")]
    [InlineData("""["d1"]""", "body:")]
    [InlineData("""{"traceIds":""", "body:")]
    public async Task DeleteMany_BadBody_Returns400NamingTheField(string body, string field)
    {
        using var client = fixture.ClientA();

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/public/traces") { Content = new StringContent(body, Encoding.UTF8, "application/json") });

        var error = await Tenant.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith(field, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteMany_MoreThanAThousandIds_Returns400()
    {
        using var client = fixture.ClientA();
        var ids = Enumerable.Range(0, 1001).Select(i => $"x{i}").ToArray();

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/public/traces") { Content = JsonContent.Create(new { traceIds = ids }) });

        var error = await Tenant.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("1000", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(ReadApiDataset.TraceCount, (await client.GetOkAsync("/api/public/traces")).Meta().TotalItems);
    }
}
