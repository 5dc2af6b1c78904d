using System.Net;
using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

[Collection(ReadApiGroup.Name)]
public sealed class ObservationsApiTests(ReadApiServer fixture)
{
    [Fact]
    public async Task List_WithoutParameters_ReturnsAllObservationsNewestFirstAsV1Objects()
    {
        using var client = fixture.ClientA();

        var body = await client.GetOkAsync("/api/public/observations");

        Assert.Equal(ReadApiDataset.ObservationsNewestFirst, body.Ids());
        Assert.Equal((1, 50, 7L, 1L), body.Meta());
        var generation = body.GetProperty("data").EnumerateArray().Single(o => o.GetProperty("id").GetString() == "t1-gen");
        Assert.Equal(("GENERATION", "t1", "t1-span", "gpt-4o"), (generation.GetProperty("type").GetString(), generation.GetProperty("traceId").GetString(),
            generation.GetProperty("parentObservationId").GetString(), generation.GetProperty("model").GetString()));
        Assert.Equal("hello", generation.GetProperty("input")[0].GetProperty("content").GetString());
        Assert.Equal(120, generation.GetProperty("usageDetails").GetProperty("total").GetInt64());
        Assert.Equal(0.003m, generation.GetProperty("calculatedTotalCost").GetDecimal());
        Assert.Equal(1.0, generation.GetProperty("latency").GetDouble(), 3);
        Assert.Equal(0.2, generation.GetProperty("timeToFirstToken").GetDouble(), 3);
        Assert.Equal(fixture.A.ProjectId, generation.GetProperty("projectId").GetString());
    }

    [Theory]
    [InlineData("type=GENERATION", "t3-gen,t2-gen,t1-gen")]
    [InlineData("type=EMBEDDING", "t5-embed")]
    [InlineData("name=retrieve", "t3-span,t1-span")]
    [InlineData("userId=u-1", "t3-gen,t3-span,t3-event,t1-gen,t1-span")]
    [InlineData("traceId=t3", "t3-gen,t3-span,t3-event")]
    [InlineData("parentObservationId=t1-span", "t1-gen")]
    [InlineData("level=ERROR", "t2-gen")]
    [InlineData("level=WARNING", "t3-span")]
    [InlineData("version=ov1", "t3-gen")]
    [InlineData("environment=staging", "t3-gen,t3-span,t3-event")]
    [InlineData("environment=production&environment=development", "t5-embed,t2-gen,t1-gen,t1-span")]
    [InlineData("fromStartTime=2026-01-02T09:00:00Z", "t5-embed,t3-gen,t3-span,t3-event")]
    [InlineData("toStartTime=2026-01-02T09:00:00Z", "t2-gen,t1-gen,t1-span")]
    [InlineData("fromStartTime=2026-01-01T10:00:00.500Z&toStartTime=2026-01-01T11:00:00.001Z", "t2-gen,t1-gen")]
    [InlineData("userId=u-1&type=SPAN", "t3-span,t1-span")]
    [InlineData("userId=b-user", "")]
    public async Task List_Filter_ReturnsExactlyTheMatchingObservations(string query, string expected)
    {
        using var client = fixture.ClientA();

        var body = await client.GetOkAsync($"/api/public/observations?{query}");

        var ids = expected.Split(',', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ids, body.Ids());
        Assert.Equal(ids.Length, body.Meta().TotalItems);
    }

    [Theory]
    [InlineData("""[{"type":"stringOptions","column":"type","operator":"any of","value":["SPAN","EVENT"]}]""", "", "t3-span,t3-event,t1-span")]
    [InlineData("""[{"type":"string","column":"providedModelName","operator":"starts with","value":"gpt-4o"}]""", "&level=DEFAULT", "t3-gen,t1-gen")]
    [InlineData("""[{"type":"stringObject","column":"metadata","key":"step","operator":"=","value":"answer"}]""", "", "t1-gen")]
    [InlineData("""[{"type":"null","column":"endTime","operator":"is null","value":""}]""", "", "t3-event")]
    [InlineData("""[{"type":"string","column":"statusMessage","operator":"contains","value":"rate"}]""", "", "t2-gen")]
    [InlineData("""[{"type":"string","column":"type","operator":"=","value":"SPAN"}]""", "&type=GENERATION&userId=u-1", "t3-span,t1-span")]
    public async Task List_FilterExpression_ReturnsExactlyTheMatchingObservations(string filter, string parameters, string expected)
    {
        using var client = fixture.ClientA();

        var v1 = await client.GetOkAsync($"/api/public/observations?filter={ApiCalls.Query(filter)}{parameters}");
        var v2 = await client.GetOkAsync($"/api/public/v2/observations?filter={ApiCalls.Query(filter)}{parameters}");

        Assert.Equal(expected.Split(','), v1.Ids());
        Assert.Equal(expected.Split(','), v2.Ids());
    }

    [Theory]
    [InlineData("""[{"type":"number","column":"totalCost","operator":">","value":0}]""", "filter[0].column:")]
    [InlineData("""[{"type":"string","column":"startTime","operator":"=","value":"x"}]""", "filter[0].type:")]
    [InlineData("not json", "filter:")]
    public async Task List_BadFilterExpression_Returns400NamingThePart(string filter, string part)
    {
        using var client = fixture.ClientA();

        await client.GetBadRequestAsync($"/api/public/observations?filter={ApiCalls.Query(filter)}", part);
        await client.GetBadRequestAsync($"/api/public/v2/observations?filter={ApiCalls.Query(filter)}", part);
    }

    [Fact]
    public async Task List_Pages_CountWithTheSameFilter()
    {
        using var client = fixture.ClientA();

        var third = await client.GetOkAsync("/api/public/observations?limit=3&page=3");
        var filtered = await client.GetOkAsync("/api/public/observations?limit=2&page=2&userId=u-1");

        Assert.Equal(["t1-span"], third.Ids());
        Assert.Equal((3, 3, 7L, 3L), third.Meta());
        Assert.Equal(["t3-event", "t1-gen"], filtered.Ids());
        Assert.Equal((2, 2, 5L, 3L), filtered.Meta());
    }

    [Theory]
    [InlineData("type=span", "type:")]
    [InlineData("type=JUNK", "type:")]
    [InlineData("level=FATAL", "level:")]
    [InlineData("limit=101", "limit:")]
    [InlineData("page=0", "page:")]
    [InlineData("fromStartTime=2026-01-01", "fromStartTime:")]
    [InlineData("toStartTime=soon", "toStartTime:")]
    public async Task List_BadParameter_Returns400NamingIt(string query, string parameter)
    {
        using var client = fixture.ClientA();

        await client.GetBadRequestAsync($"/api/public/observations?{query}", parameter);
    }

    [Fact]
    public async Task Get_ReturnsTheObservation_Or404()
    {
        using var client = fixture.ClientA();

        var span = await client.GetOkAsync("/api/public/observations/t3-span");
        var missing = await Tenant.ReadAsync(await client.GetAsync("/api/public/observations/nope"), HttpStatusCode.NotFound);

        Assert.Equal(("WARNING", "staging", "retrieve"), (span.GetProperty("level").GetString(), span.GetProperty("environment").GetString(), span.GetProperty("name").GetString()));
        Assert.Equal("Observation not found within authorized project", missing.GetProperty("message").GetString());
    }

    [Fact]
    public async Task V2_FollowingTheCursor_VisitsEveryObservationOnceInOrder()
    {
        using var client = fixture.ClientA();

        var seen = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var body = await client.GetOkAsync("/api/public/v2/observations?limit=3" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(body.Ids());
            cursor = body.GetProperty("meta").TryGetProperty("cursor", out var next) ? next.GetString() : null;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(ReadApiDataset.ObservationsNewestFirst, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task V2_DefaultFields_AreCoreAndBasic_WithTheTracesUserAndSession()
    {
        using var client = fixture.ClientA();

        var body = await client.GetOkAsync("/api/public/v2/observations?traceId=t1&limit=1");

        var item = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal("t1-gen", item.GetProperty("id").GetString());
        Assert.Equal(("u-1", "s-1", false), (item.GetProperty("userId").GetString(), item.GetProperty("sessionId").GetString(), item.GetProperty("isRootObservation").GetBoolean()));
        Assert.Equal("llm", item.GetProperty("name").GetString());
        Assert.False(item.TryGetProperty("input", out _));
        Assert.False(item.TryGetProperty("usageDetails", out _));
        Assert.True(body.GetProperty("meta").TryGetProperty("cursor", out _));
    }

    [Fact]
    public async Task V2_FieldGroups_AddTheirFields_AndIoStaysARawString()
    {
        using var client = fixture.ClientA();

        var core = Assert.Single((await client.GetOkAsync("/api/public/v2/observations?traceId=t1&parentObservationId=t1-span&fields=core")).GetProperty("data").EnumerateArray());
        var rich = Assert.Single((await client.GetOkAsync("/api/public/v2/observations?traceId=t1&parentObservationId=t1-span&fields=core,io,usage,model,metrics,trace_context,metadata,time,prompt")).GetProperty("data").EnumerateArray());

        Assert.False(core.TryGetProperty("name", out _));
        Assert.Equal("t1-span", core.GetProperty("parentObservationId").GetString());
        Assert.Equal(JsonValueKind.String, rich.GetProperty("input").ValueKind);
        Assert.Equal("hello", JsonDocument.Parse(rich.GetProperty("input").GetString()!).RootElement[0].GetProperty("content").GetString());
        Assert.Equal(100, rich.GetProperty("usageDetails").GetProperty("input").GetInt64());
        Assert.Equal(0.003m, rich.GetProperty("totalCost").GetDecimal());
        Assert.Equal("gpt-4o", rich.GetProperty("providedModelName").GetString());
        Assert.Equal(1.0, rich.GetProperty("latency").GetDouble(), 3);
        Assert.Equal("chat", rich.GetProperty("traceName").GetString());
        Assert.Equal(["a", "b"], rich.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("answer", rich.GetProperty("metadata").GetProperty("step").GetString());
        Assert.Equal("2026-01-01T10:00:00.700Z", rich.GetProperty("completionStartTime").GetString());
        Assert.Equal(JsonValueKind.Null, rich.GetProperty("promptName").ValueKind);
    }

    [Theory]
    [InlineData("sessionId=s-1", "t2-gen,t1-gen,t1-span")]
    [InlineData("isRootObservation=true", "t5-embed,t3-span,t3-event,t2-gen,t1-span")]
    [InlineData("isRootObservation=false", "t3-gen,t1-gen")]
    [InlineData("userId=u-1&type=GENERATION", "t3-gen,t1-gen")]
    [InlineData("environment=development", "t5-embed")]
    public async Task V2_Filter_ReturnsExactlyTheMatchingObservations(string query, string expected)
    {
        using var client = fixture.ClientA();

        var body = await client.GetOkAsync($"/api/public/v2/observations?limit=100&{query}");

        Assert.Equal(expected.Split(','), body.Ids());
        Assert.False(body.GetProperty("meta").TryGetProperty("cursor", out _));
    }

    [Theory]
    [InlineData("limit=1001", "limit:")]
    [InlineData("limit=0", "limit:")]
    [InlineData("cursor=not-a-cursor", "cursor:")]
    [InlineData("cursor=e30%3D", "cursor:")]
    [InlineData("isRootObservation=maybe", "isRootObservation:")]
    [InlineData("parseIoAsJson=true", "parseIoAsJson:")]
    [InlineData("type=SPANS", "type:")]
    public async Task V2_BadParameter_Returns400NamingIt(string query, string parameter)
    {
        using var client = fixture.ClientA();

        await client.GetBadRequestAsync($"/api/public/v2/observations?{query}", parameter);
    }
}
