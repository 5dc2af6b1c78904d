using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

/// <summary>
/// <c>GET /api/public/v3/scores</c> on the known <see cref="ScoreListDataset"/>: the filters, the cursor walk, the
/// polymorphic value and the field groups, and the 400s naming the parameter.
/// </summary>
[Collection(ReadApiGroup.Name)]
public sealed class ScoresV3ApiTests(ReadApiServer fixture)
{
    private const string V3 = "/api/public/v3/scores";

    [Theory]
    [InlineData("", "sc9,sc8,sc7,sc6,sc5,sc4,sc3,sc2,sc1")]
    [InlineData("name=quality,thumbs", "sc9,sc4,sc3,sc1")]
    [InlineData("id=sc1,sc5,unknown", "sc5,sc1")]
    [InlineData("source=eval,annotation", "sc3,sc2")]
    [InlineData("dataType=TEXT,CORRECTION", "sc8,sc7")]
    [InlineData("environment=staging", "sc4,sc3")]
    [InlineData("traceId=tr1&observationId=tr1-gen", "sc2")]
    [InlineData("traceId=tr2,tr-missing", "sc9,sc4,sc3")]
    [InlineData("sessionId=sess-1", "sc5")]
    [InlineData("experimentId=run-1", "sc6")]
    [InlineData("queueId=q-1", "sc2")]
    [InlineData("dataType=NUMERIC&value=0.9,4", "sc5,sc1")]
    [InlineData("dataType=NUMERIC&valueMin=0.5&valueMax=0.9", "sc9,sc6,sc1")]
    [InlineData("dataType=BOOLEAN&value=true", "sc4")]
    [InlineData("dataType=BOOLEAN&value=false", "")]
    [InlineData("dataType=CATEGORICAL&value=good", "sc2")]
    [InlineData("fromTimestamp=2026-03-01T10:02:00Z&toTimestamp=2026-03-01T10:05:00Z", "sc5,sc4,sc3")]
    public async Task List_Filter_ReturnsTheMatchesNewestFirst(string query, string expected)
    {
        using var client = fixture.ScoresClient();

        var body = await client.GetOkAsync($"{V3}?{query}");

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), body.Ids());
    }

    [Fact]
    public async Task List_PagesOfFour_FollowTheCursorToTheLastPage()
    {
        using var client = fixture.ScoresClient();
        var pages = new List<string[]>();
        string? cursor = null;
        do
        {
            var body = await client.GetOkAsync($"{V3}?limit=4" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.Equal(4, body.GetProperty("meta").GetProperty("limit").GetInt32());
            pages.Add(body.Ids());
            cursor = body.GetProperty("meta").TryGetProperty("cursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        Assert.Equal([4, 4, 1], pages.Select(p => p.Length));
        Assert.Equal(ScoreListDataset.NewestFirst, pages.SelectMany(p => p));
        // Exactly one page: no cursor, as there is nothing after it.
        var exact = await client.GetOkAsync($"{V3}?limit={ScoreListDataset.ScoreCount}");
        Assert.False(exact.GetProperty("meta").TryGetProperty("cursor", out _));
    }

    [Fact]
    public async Task List_ValueFollowsTheDataType_AndGroupsAppearOnlyWhenAsked()
    {
        using var client = fixture.ScoresClient();

        var core = Items(await client.GetOkAsync($"{V3}?id=sc1,sc2,sc4,sc5,sc6,sc7,sc8"));
        var full = Items(await client.GetOkAsync($"{V3}?id=sc1,sc2,sc4,sc5,sc6,sc7,sc8&fields=core,details,subject,annotation"));

        Assert.Equal(0.9, core["sc1"].GetProperty("value").GetDouble());
        Assert.Equal(("NUMERIC", "API", "production"), (Text(core["sc1"], "dataType"), Text(core["sc1"], "source"), Text(core["sc1"], "environment")));
        Assert.Equal(("CATEGORICAL", "good"), (Text(core["sc2"], "dataType"), Text(core["sc2"], "value")));
        Assert.Equal(JsonValueKind.True, core["sc4"].GetProperty("value").ValueKind);
        Assert.Equal("looks fine", Text(core["sc7"], "value"));
        Assert.Equal("fixed output", Text(core["sc8"], "value"));
        Assert.Equal("2026-03-01T10:00:00.000Z", Text(core["sc1"], "timestamp"));
        Assert.All(core.Values, item => Assert.False(
            item.TryGetProperty("details", out _) || item.TryGetProperty("subject", out _) || item.TryGetProperty("annotation", out _)));

        var tone = full["sc2"];
        Assert.Equal((null, fixture.ToneConfigId, "v2"), (Text(tone.GetProperty("details"), "comment"), Text(tone.GetProperty("details"), "configId"),
            tone.GetProperty("details").GetProperty("metadata").GetProperty("k").GetString()));
        Assert.Equal(("observation", "tr1-gen", "tr1"), Subject(tone));
        Assert.Equal((null, "q-1"), (Text(tone.GetProperty("annotation"), "authorUserId"), Text(tone.GetProperty("annotation"), "queueId")));
        Assert.Equal(("trace", "tr1", null), Subject(full["sc1"]));
        Assert.Equal(("session", "sess-1", null), Subject(full["sc5"]));
        Assert.Equal(("experiment", "run-1", null), Subject(full["sc6"]));
        Assert.Equal("by hand", Text(full["sc7"].GetProperty("details"), "comment"));
    }

    [Theory]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("fields=trace", "fields")]
    [InlineData("source=HUMAN", "source")]
    [InlineData("dataType=NUMBER", "dataType")]
    [InlineData("value=1", "value")]
    [InlineData("dataType=NUMERIC,BOOLEAN&value=1", "value")]
    [InlineData("dataType=NUMERIC&value=high", "value")]
    [InlineData("dataType=BOOLEAN&value=yes", "value")]
    [InlineData("dataType=TEXT&value=x", "value")]
    [InlineData("valueMin=1", "valueMin")]
    [InlineData("dataType=NUMERIC&valueMax=lots", "valueMax")]
    [InlineData("observationId=tr1-gen", "observationId")]
    [InlineData("traceId=tr1&sessionId=sess-1", "traceId, sessionId, experimentId")]
    [InlineData("userId=alice", "userId")]
    [InlineData("traceTags=web", "traceTags")]
    [InlineData("fromTimestamp=2026-03-01", "fromTimestamp")]
    [InlineData("page=2", "page")]
    public async Task List_BadParameter_Returns400NamingIt(string query, string parameter)
    {
        using var client = fixture.ScoresClient();

        await client.GetBadRequestAsync($"{V3}?{query}", parameter);
    }

    private static Dictionary<string, JsonElement> Items(JsonElement body) =>
        body.GetProperty("data").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);

    private static string? Text(JsonElement item, string name) => item.GetProperty(name).GetString();

    private static (string? Kind, string? Id, string? TraceId) Subject(JsonElement item)
    {
        var subject = item.GetProperty("subject");
        return (Text(subject, "kind"), Text(subject, "id"), subject.TryGetProperty("traceId", out var trace) ? trace.GetString() : null);
    }
}
