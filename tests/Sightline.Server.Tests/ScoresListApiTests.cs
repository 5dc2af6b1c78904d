using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

/// <summary>
/// <c>GET /api/public/v2/scores</c>, the legacy <c>GET /api/public/scores</c> and the reads by id, on the known
/// <see cref="ScoreListDataset"/>: each filter, the page arithmetic, the item shape per data type and the 400s.
/// </summary>
[Collection(ReadApiGroup.Name)]
public sealed class ScoresListApiTests(ReadApiServer fixture)
{
    private const string V2 = "/api/public/v2/scores";

    [Fact]
    public async Task List_WithoutFilters_ReturnsEveryScoreNewestFirst()
    {
        using var client = fixture.ScoresClient();

        var all = await client.GetOkAsync(V2);

        Assert.Equal(ScoreListDataset.NewestFirst, all.Ids());
        Assert.Equal((1, 50, 9L, 1L), all.Meta());
    }

    [Theory]
    [InlineData("name=quality", "sc9,sc3,sc1")]
    [InlineData("userId=alice", "sc8,sc7,sc2,sc1")]
    [InlineData("traceTags=web", "sc8,sc7,sc4,sc3,sc2,sc1")]
    [InlineData("traceTags=vip&traceTags=web", "sc8,sc7,sc2,sc1")]
    [InlineData("traceTags=vip,web", "sc8,sc7,sc2,sc1")]
    [InlineData("traceTags=vip&userId=bob", "")]
    [InlineData("fromTimestamp=2026-03-01T10:02:00Z&toTimestamp=2026-03-01T10:05:00Z", "sc5,sc4,sc3")]
    [InlineData("fromTimestamp=2026-03-01T11:02:00%2B01:00", "sc9,sc8,sc7,sc6,sc5,sc4,sc3")]
    [InlineData("environment=staging", "sc4,sc3")]
    [InlineData("environment=staging&environment=development", "sc4,sc3")]
    // Filtering on the trace also holds its environment to the list, as in Langfuse.
    [InlineData("environment=production&traceTags=web", "sc8,sc7,sc2,sc1")]
    [InlineData("source=EVAL", "sc3")]
    [InlineData("source=ANNOTATION", "sc2")]
    [InlineData("operator=%3E%3D&value=0.75", "sc6,sc5,sc4,sc2,sc1")]
    [InlineData("operator=%3C&value=0.5", "sc8,sc3")]
    [InlineData("operator=!%3D&value=0", "sc9,sc6,sc5,sc4,sc3,sc2,sc1")]
    [InlineData("operator=%3D&value=4", "sc5")]
    [InlineData("scoreIds=sc1,sc5,unknown", "sc5,sc1")]
    [InlineData("sessionId=sess-1", "sc5")]
    [InlineData("datasetRunId=run-1", "sc6")]
    [InlineData("traceId=tr2", "sc4,sc3")]
    [InlineData("observationId=tr1-gen", "sc2")]
    [InlineData("observationId=tr1-gen,other", "sc2")]
    [InlineData("queueId=q-1", "sc2")]
    [InlineData("dataType=BOOLEAN", "sc4")]
    [InlineData("dataType=TEXT", "sc7")]
    [InlineData("dataType=CORRECTION", "sc8")]
    [InlineData("dataType=NUMERIC&name=quality&traceId=tr1", "sc1")]
    [InlineData("name=", "sc9,sc8,sc7,sc6,sc5,sc4,sc3,sc2,sc1")]
    [InlineData("filter=%5B%7B%22type%22%3A%22stringObject%22%2C%22column%22%3A%22metadata%22%2C%22key%22%3A%22k%22%2C%22operator%22%3A%22%3D%22%2C%22value%22%3A%22v2%22%7D%5D", "sc2")]
    [InlineData("filter=%5B%7B%22type%22%3A%22number%22%2C%22column%22%3A%22value%22%2C%22operator%22%3A%22%3E%22%2C%22value%22%3A0.8%7D%5D", "sc5,sc4,sc2,sc1")]
    // A filter condition on a column replaces the simple parameter for it.
    [InlineData("name=tone&filter=%5B%7B%22type%22%3A%22string%22%2C%22column%22%3A%22name%22%2C%22operator%22%3A%22starts%20with%22%2C%22value%22%3A%22qual%22%7D%5D", "sc9,sc3,sc1")]
    public async Task List_Filter_ReturnsTheMatchingScores(string query, string expected)
    {
        using var client = fixture.ScoresClient();

        var page = await client.GetOkAsync($"{V2}?{query}");

        var ids = expected.Length == 0 ? [] : expected.Split(',');
        Assert.Equal(ids, page.Ids());
        Assert.Equal(ids.Length, page.Meta().TotalItems);
    }

    [Fact]
    public async Task List_Configs_FilterByConfigId()
    {
        using var client = fixture.ScoresClient();

        Assert.Equal(["sc2"], (await client.GetOkAsync($"{V2}?configId={fixture.ToneConfigId}")).Ids());
        Assert.Equal(["sc1"], (await client.GetOkAsync($"{V2}?configId={fixture.QualityConfigId}")).Ids());
    }

    [Theory]
    [InlineData(4, 1, "sc9,sc8,sc7,sc6")]
    [InlineData(4, 2, "sc5,sc4,sc3,sc2")]
    [InlineData(4, 3, "sc1")]
    [InlineData(4, 4, "")]
    [InlineData(9, 1, "sc9,sc8,sc7,sc6,sc5,sc4,sc3,sc2,sc1")]
    [InlineData(1, 9, "sc1")]
    public async Task List_Pages_SliceTheOrderedScores(int limit, int page, string expected)
    {
        using var client = fixture.ScoresClient();

        var body = await client.GetOkAsync($"{V2}?limit={limit}&page={page}");

        Assert.Equal(expected.Length == 0 ? [] : expected.Split(','), body.Ids());
        Assert.Equal((page, limit, 9L, (9L + limit - 1) / limit), body.Meta());
    }

    [Fact]
    public async Task ListItems_HaveTheShapeOfTheirDataType_AndTheirTrace()
    {
        using var client = fixture.ScoresClient();

        var items = (await client.GetOkAsync(V2)).GetProperty("data").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);

        var numeric = items["sc1"];
        Assert.Equal(("quality", "NUMERIC", 0.9, JsonValueKind.Null, "API"), (Text(numeric, "name"), Text(numeric, "dataType"), numeric.GetProperty("value").GetDouble(), numeric.GetProperty("stringValue").ValueKind, Text(numeric, "source")));
        Assert.Equal(("tr1", fixture.QualityConfigId, "production", "2026-03-01T10:00:00.000Z"), (Text(numeric, "traceId"), Text(numeric, "configId"), Text(numeric, "environment"), Text(numeric, "timestamp")));
        Assert.Equal("""{"k":"v1"}""", JsonSerializer.Serialize(numeric.GetProperty("metadata")));
        Assert.Equal("""{"userId":"alice","tags":["vip","web"],"environment":"production","sessionId":"sess-1"}""", JsonSerializer.Serialize(numeric.GetProperty("trace")));
        Assert.Equal(fixture.Scores.ProjectId, Text(numeric, "projectId"));

        var categorical = items["sc2"];
        Assert.Equal(("CATEGORICAL", 1.0, "good", "tr1-gen", "q-1"), (Text(categorical, "dataType"), categorical.GetProperty("value").GetDouble(), Text(categorical, "stringValue"), Text(categorical, "observationId"), Text(categorical, "queueId")));
        var boolean = items["sc4"];
        Assert.Equal(("BOOLEAN", 1.0, "True"), (Text(boolean, "dataType"), boolean.GetProperty("value").GetDouble(), Text(boolean, "stringValue")));
        Assert.Equal("""{"userId":"bob","tags":["web"],"environment":"staging","sessionId":null}""", JsonSerializer.Serialize(boolean.GetProperty("trace")));
        var text = items["sc7"];
        Assert.Equal(("TEXT", "looks fine", "by hand"), (Text(text, "dataType"), Text(text, "stringValue"), Text(text, "comment")));
        Assert.False(text.TryGetProperty("value", out _), $"a TEXT score has no value: {text}");
        var correction = items["sc8"];
        Assert.Equal(("output", "CORRECTION", 0.0, "fixed output"), (Text(correction, "name"), Text(correction, "dataType"), correction.GetProperty("value").GetDouble(), Text(correction, "stringValue")));

        // Scores of sessions and dataset runs have no trace; a trace that was never sent reads as empty.
        Assert.False(items["sc5"].TryGetProperty("trace", out _));
        Assert.Equal(("sess-1", JsonValueKind.Null), (Text(items["sc5"], "sessionId"), items["sc5"].GetProperty("traceId").ValueKind));
        Assert.Equal("run-1", Text(items["sc6"], "datasetRunId"));
        Assert.Equal("""{"userId":null,"tags":[],"environment":null,"sessionId":null}""", JsonSerializer.Serialize(items["sc9"].GetProperty("trace")));
    }

    [Fact]
    public async Task List_FieldsScoreOnly_LeavesTheTraceOut()
    {
        using var client = fixture.ScoresClient();

        var page = await client.GetOkAsync($"{V2}?fields=score&traceId=tr1");

        Assert.Equal(["sc8", "sc7", "sc2", "sc1"], page.Ids());
        Assert.All(page.GetProperty("data").EnumerateArray(), i => Assert.False(i.TryGetProperty("trace", out _)));
        // Unknown groups are ignored; the trace group brings the trace back.
        Assert.Equal("alice", (await client.GetOkAsync($"{V2}?fields=score,trace,unknown&traceId=tr1")).GetProperty("data")[0].GetProperty("trace").GetProperty("userId").GetString());
    }

    [Fact]
    public async Task GetById_ReturnsAnyScore_WithoutItsTrace()
    {
        using var client = fixture.ScoresClient();

        var session = await client.GetOkAsync($"{V2}/sc5");
        var trace = await client.GetOkAsync($"{V2}/sc1");

        Assert.Equal(("session-rating", 4.0, "sess-1"), (Text(session, "name"), session.GetProperty("value").GetDouble(), Text(session, "sessionId")));
        Assert.Equal(("quality", 0.9), (Text(trace, "name"), trace.GetProperty("value").GetDouble()));
        Assert.False(trace.TryGetProperty("trace", out _));
        var missing = await Tenant.ReadAsync(await client.GetAsync($"{V2}/no-such-score"), System.Net.HttpStatusCode.NotFound);
        Assert.Equal(("Score not found", "LangfuseNotFoundError"), (Text(missing, "message"), Text(missing, "error")));
    }

    [Fact]
    public async Task LegacyList_ShowsTraceScoresOnly_WithTheirTrace_AndIgnoresV2Filters()
    {
        using var client = fixture.ScoresClient();

        var all = await client.GetOkAsync("/api/public/scores");
        var filtered = await client.GetOkAsync("/api/public/scores?name=quality&traceId=tr2&limit=2");

        // No session, dataset run or correction scores.
        Assert.Equal(["sc9", "sc7", "sc4", "sc3", "sc2", "sc1"], all.Ids());
        Assert.Equal((1, 50, 6L, 1L), all.Meta());
        Assert.Equal("""{"userId":"bob","tags":["web"],"environment":"staging","sessionId":null}""",
            JsonSerializer.Serialize(all.GetProperty("data").EnumerateArray().Single(i => Text(i, "id") == "sc4").GetProperty("trace")));
        Assert.Equal(["sc9", "sc3"], filtered.Ids());
        Assert.Equal((1, 2, 3L, 2L), filtered.Meta());
        Assert.Equal(["sc2"], (await client.GetOkAsync("/api/public/scores?userId=alice&dataType=CATEGORICAL")).Ids());
    }

    [Fact]
    public async Task LegacyGetById_FindsTraceScoresOnly()
    {
        using var client = fixture.ScoresClient();

        Assert.Equal("quality", Text(await client.GetOkAsync("/api/public/scores/sc1"), "name"));
        foreach (var other in new[] { "sc5", "sc6", "sc8", "missing" })
        {
            await Tenant.ReadAsync(await client.GetAsync($"/api/public/scores/{other}"), System.Net.HttpStatusCode.NotFound);
        }
    }

    [Theory]
    [InlineData("page=0", "page:")]
    [InlineData("limit=101", "limit:")]
    [InlineData("limit=abc", "limit:")]
    [InlineData("fromTimestamp=2026-03-01", "fromTimestamp:")]
    [InlineData("toTimestamp=yesterday", "toTimestamp:")]
    [InlineData("source=HUMAN", "source:")]
    [InlineData("dataType=PERCENT", "dataType:")]
    [InlineData("operator=~&value=1", "operator:")]
    [InlineData("operator=%3E&value=high", "value:")]
    [InlineData("value=1", "operator: required with value")]
    [InlineData("operator=%3E", "value: required with operator")]
    [InlineData("fields=trace", "fields: must include 'score'")]
    [InlineData("fields=score&userId=alice", "fields: must include 'trace'")]
    [InlineData("fields=score&traceTags=web", "fields: must include 'trace'")]
    [InlineData("filter=%5B%7B%22column%22%3A%22latency%22%7D%5D", "filter[0].")]
    [InlineData("filter=not-json", "filter:")]
    public async Task List_BadParameter_Returns400NamingIt(string query, string parameter)
    {
        using var client = fixture.ScoresClient();

        await client.GetBadRequestAsync($"{V2}?{query}", parameter);
        if (!query.StartsWith("fields", StringComparison.Ordinal))
        {
            await client.GetBadRequestAsync($"/api/public/scores?{query}", parameter);
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"'{name}' is null in {element}");
}
