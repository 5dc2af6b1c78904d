using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

[Collection(ReadApiGroup.Name)]
public sealed class MetricsApiTests(ReadApiServer fixture)
{
    private const string Range = "\"fromTimestamp\":\"2026-01-01T00:00:00Z\",\"toTimestamp\":\"2026-01-04T00:00:00Z\"";

    private static List<JsonElement> Days(JsonElement body) => body.GetProperty("data").EnumerateArray().ToList();

    private static string Usage(JsonElement day) => string.Join(" | ", day.GetProperty("usage").EnumerateArray().Select(u =>
        $"{(u.GetProperty("model").ValueKind == JsonValueKind.Null ? "-" : u.GetProperty("model").GetString())}:"
        + $"{u.GetProperty("inputUsage").GetInt64()}/{u.GetProperty("outputUsage").GetInt64()}/{u.GetProperty("totalUsage").GetInt64()}:"
        + $"{u.GetProperty("countObservations").GetInt64()}obs/{u.GetProperty("countTraces").GetInt64()}tr:{u.GetProperty("totalCost").GetDecimal()}"));

    [Fact]
    public async Task Daily_CountsTracesObservationsUsageAndCostPerDayAndModel_NewestFirst()
    {
        using var client = fixture.ClientA();

        var body = await client.GetOkAsync("/api/public/metrics/daily");

        var days = Days(body);
        Assert.Equal(["2026-01-03", "2026-01-02", "2026-01-01"], days.Select(d => d.GetProperty("date").GetString()));
        Assert.Equal([2L, 1L, 2L], days.Select(d => d.GetProperty("countTraces").GetInt64()));
        Assert.Equal([1L, 3L, 3L], days.Select(d => d.GetProperty("countObservations").GetInt64()));
        Assert.Equal([0.00002m, 0.0001m, 0.0035m], days.Select(d => d.GetProperty("totalCost").GetDecimal()));
        Assert.Equal("text-embedding-3-small:1000/0/1000:1obs/1tr:0.00002", Usage(days[0]));
        Assert.Equal("gpt-4o:10/5/15:1obs/1tr:0.0001 | -:0/0/0:2obs/1tr:0", Usage(days[1]));
        Assert.Equal("gpt-4o:100/20/120:1obs/1tr:0.003 | gpt-4o-mini:50/10/60:1obs/1tr:0.0005 | -:0/0/0:1obs/1tr:0", Usage(days[2]));
        Assert.Equal((1, 50, 3L, 1L), body.Meta());
    }

    [Theory]
    [InlineData("traceName=chat", "2026-01-01:2tr/3obs")]
    [InlineData("userId=u-1", "2026-01-02:1tr/3obs,2026-01-01:1tr/2obs")]
    [InlineData("tags=a&tags=b", "2026-01-03:1tr/1obs,2026-01-01:1tr/2obs")]
    [InlineData("environment=staging", "2026-01-02:1tr/3obs")]
    [InlineData("environment=production&environment=development", "2026-01-03:2tr/1obs,2026-01-01:2tr/3obs")]
    [InlineData("fromTimestamp=2026-01-02T00:00:00Z&toTimestamp=2026-01-03T00:00:00Z", "2026-01-02:1tr/3obs")]
    [InlineData("fromTimestamp=2026-01-01T10:30:00Z", "2026-01-03:2tr/1obs,2026-01-02:1tr/3obs,2026-01-01:1tr/1obs")]
    [InlineData("userId=nobody", "")]
    public async Task Daily_Filter_AppliesToTracesAndTheirObservations(string query, string expected)
    {
        using var client = fixture.ClientA();

        var body = await client.GetOkAsync($"/api/public/metrics/daily?{query}");

        var actual = Days(body).Select(d => $"{d.GetProperty("date").GetString()}:{d.GetProperty("countTraces").GetInt64()}tr/{d.GetProperty("countObservations").GetInt64()}obs");
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), actual);
    }

    [Fact]
    public async Task Daily_Pages_ByDay()
    {
        using var client = fixture.ClientA();

        var first = await client.GetOkAsync("/api/public/metrics/daily?limit=2");
        var second = await client.GetOkAsync("/api/public/metrics/daily?limit=2&page=2");

        Assert.Equal(["2026-01-03", "2026-01-02"], Days(first).Select(d => d.GetProperty("date").GetString()));
        Assert.Equal(["2026-01-01"], Days(second).Select(d => d.GetProperty("date").GetString()));
        Assert.Equal((2, 2, 3L, 2L), second.Meta());
    }

    [Fact]
    public async Task Query_TracesByName_CountsAndSumsPerDimension()
    {
        using var client = fixture.ClientA();

        var rows = await QueryAsync(client, $$"""
            {"view":"traces","dimensions":[{"field":"name"}],"metrics":[{"measure":"count","aggregation":"count"},{"measure":"totalCost","aggregation":"sum"},{"measure":"latency","aggregation":"max"}],{{Range}}}
            """);

        var byName = rows.ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal(3, byName.Count);
        Assert.Equal((2L, 0.0035m, 3000.0), Values(byName["chat"]));
        Assert.Equal((2L, 0.0001m, 4000.0), Values(byName["search"]));
        Assert.Equal((1L, 0.00002m, 250.0), Values(byName["embed"]));
        // Without an explicit order, rows come by the first metric, descending.
        Assert.Equal(1L, rows[^1].GetProperty("count_count").GetInt64());

        static (long, decimal, double) Values(JsonElement r) =>
            (r.GetProperty("count_count").GetInt64(), r.GetProperty("sum_totalCost").GetDecimal(), r.GetProperty("max_latency").GetDouble());
    }

    [Fact]
    public async Task Query_Histogram_WritesOneListOfLowerUpperCountPerGroup_OrderedByTheGroup()
    {
        using var client = fixture.ClientA();

        // Each trace counts 1, so every group's values are equal: one bin from 1 to 1 holding the group's traces.
        var rows = await QueryAsync(client, $$"""
            {"view":"traces","dimensions":[{"field":"name"}],"metrics":[{"measure":"count","aggregation":"histogram"}],"config":{"bins":4},{{Range}}}
            """);

        Assert.Equal(["chat [[1,1,2]]", "embed [[1,1,1]]", "search [[1,1,2]]"],
            rows.Select(r => $"{r.GetProperty("name").GetString()} {r.GetProperty("histogram_count").GetRawText()}"));
    }

    [Fact]
    public async Task Query_ObservationsByModelAndDay_SumsTokensAndCost()
    {
        using var client = fixture.ClientA();

        var rows = await QueryAsync(client, $$"""
            {"view":"observations","dimensions":[{"field":"providedModelName"}],"timeDimension":{"granularity":"day"},
             "metrics":[{"measure":"totalTokens","aggregation":"sum"},{"measure":"inputTokens","aggregation":"sum"},{"measure":"totalCost","aggregation":"sum"},{"measure":"count","aggregation":"count"}],
             "filters":[{"column":"type","operator":"any of","value":["GENERATION","EMBEDDING"],"type":"stringOptions"}],{{Range}}}
            """);

        var actual = rows.Select(r => $"{r.GetProperty("time_dimension").GetString()} {r.GetProperty("providedModelName").GetString()} "
            + $"{r.GetProperty("sum_totalTokens").GetInt64()}/{r.GetProperty("sum_inputTokens").GetInt64()} {r.GetProperty("sum_totalCost").GetDecimal()} x{r.GetProperty("count_count").GetInt64()}")
            .ToList();
        Assert.Equal(4, actual.Count);
        Assert.Contains("2026-01-01 gpt-4o 120/100 0.003 x1", actual);
        Assert.Contains("2026-01-01 gpt-4o-mini 60/50 0.0005 x1", actual);
        Assert.Contains("2026-01-02 gpt-4o 15/10 0.0001 x1", actual);
        Assert.Equal("2026-01-03 text-embedding-3-small 1000/1000 0.00002 x1", actual[3]);
    }

    [Fact]
    public async Task Query_TimeBuckets_FillEmptyBucketsWithZero()
    {
        using var client = fixture.ClientA();

        var rows = await QueryAsync(client, """
            {"view":"traces","metrics":[{"measure":"count","aggregation":"count"}],"timeDimension":{"granularity":"hour"},
             "fromTimestamp":"2026-01-01T09:00:00Z","toTimestamp":"2026-01-01T13:00:00Z"}
            """);

        Assert.Equal(["2026-01-01T09:00:00Z:0", "2026-01-01T10:00:00Z:1", "2026-01-01T11:00:00Z:1", "2026-01-01T12:00:00Z:0"],
            rows.Select(r => $"{r.GetProperty("time_dimension").GetString()}:{r.GetProperty("count_count").GetInt64()}"));
    }

    [Fact]
    public async Task Query_Scores_AverageNumericAndCountCategorical()
    {
        using var client = fixture.ClientA();

        var numeric = await QueryAsync(client, $$"""
            {"view":"scores-numeric","dimensions":[{"field":"name"},{"field":"traceName"}],"metrics":[{"measure":"value","aggregation":"avg"},{"measure":"count","aggregation":"count"},{"measure":"value","aggregation":"min"}],{{Range}}}
            """);
        var categorical = await QueryAsync(client, $$"""
            {"view":"scores-categorical","dimensions":[{"field":"stringValue"}],"metrics":[{"measure":"count","aggregation":"count"}],{{Range}}}
            """);

        var quality = Assert.Single(numeric);
        Assert.Equal(("quality", "chat", 2L), (quality.GetProperty("name").GetString(), quality.GetProperty("traceName").GetString(), quality.GetProperty("count_count").GetInt64()));
        Assert.Equal(0.7, quality.GetProperty("avg_value").GetDouble(), 6);
        Assert.Equal(0.5, quality.GetProperty("min_value").GetDouble(), 6);
        var positive = Assert.Single(categorical);
        Assert.Equal(("positive", 1L), (positive.GetProperty("stringValue").GetString(), positive.GetProperty("count_count").GetInt64()));
    }

    [Fact]
    public async Task Query_Filters_OnMetadataTagsBooleansAndTime()
    {
        using var client = fixture.ClientA();

        var byMetadata = await QueryAsync(client, $$"""
            {"view":"traces","dimensions":[{"field":"name"}],"metrics":[{"measure":"uniqueUserIds","aggregation":"uniq"}],
             "filters":[{"column":"metadata","type":"stringObject","key":"plan","operator":"=","value":"pro"}],{{Range}}}
            """);
        var children = await QueryAsync(client, $$"""
            {"view":"observations","metrics":[{"measure":"count","aggregation":"count"},{"measure":"latency","aggregation":"p50"}],
             "filters":[{"column":"isRootObservation","type":"boolean","operator":"=","value":false},
                        {"column":"tags","type":"arrayOptions","operator":"all of","value":["a","b"]},
                        {"column":"startTime","type":"datetime","operator":">=","value":"2026-01-01T10:00:00Z"}],{{Range}}}
            """);
        var users = await QueryAsync(client, $$"""
            {"view":"traces","metrics":[{"measure":"uniqueUserIds","aggregation":"count"},{"measure":"count","aggregation":"sum"}],
             "filters":[{"column":"name","type":"string","operator":"starts with","value":"c"},{"column":"userId","type":"null","operator":"is not null","value":""}],{{Range}}}
            """);

        var pro = Assert.Single(byMetadata);
        Assert.Equal(("chat", 1L), (pro.GetProperty("name").GetString(), pro.GetProperty("uniq_uniqueUserIds").GetInt64()));
        var child = Assert.Single(children);
        Assert.Equal(1L, child.GetProperty("count_count").GetInt64());
        Assert.Equal(1000.0, child.GetProperty("p50_latency").GetDouble(), 3);
        var chat = Assert.Single(users);
        Assert.Equal((2L, 2L), (chat.GetProperty("count_uniqueUserIds").GetInt64(), chat.GetProperty("sum_count").GetInt64()));
    }

    [Fact]
    public async Task Query_OrderByAndRowLimit_AreApplied()
    {
        using var client = fixture.ClientA();

        var rows = await QueryAsync(client, $$"""
            {"view":"observations","dimensions":[{"field":"name"}],"metrics":[{"measure":"count","aggregation":"count"}],
             "orderBy":[{"field":"name","direction":"asc"}],"config":{"row_limit":2},{{Range}}}
            """);

        Assert.Equal(["embed", "llm"], rows.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(3L, rows[1].GetProperty("count_count").GetInt64());
    }

    [Fact]
    public async Task QueryV2_Observations_Works_ButTracesViewAndHighCardinalityGroupsAreRefused()
    {
        using var client = fixture.ClientA();

        var rows = await client.GetOkAsync($$"""/api/public/v2/metrics?query={{ApiCalls.Query($$"""{"view":"observations","dimensions":[{"field":"level"}],"metrics":[{"measure":"count","aggregation":"count"}],{{Range}}}""")}}""");

        var levels = rows.GetProperty("data").EnumerateArray().ToDictionary(r => r.GetProperty("level").GetString()!, r => r.GetProperty("count_count").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["DEFAULT"] = 5, ["ERROR"] = 1, ["WARNING"] = 1 }, levels);
        await client.GetBadRequestAsync($$"""/api/public/v2/metrics?query={{ApiCalls.Query($$"""{"view":"traces","metrics":[{"measure":"count","aggregation":"count"}],{{Range}}}""")}}""", "query.view:");
        await client.GetBadRequestAsync($$"""/api/public/v2/metrics?query={{ApiCalls.Query($$"""{"view":"observations","dimensions":[{"field":"traceId"}],"metrics":[{"measure":"count","aggregation":"count"}],{{Range}}}""")}}""", "query.dimensions[0].field:");
    }

    [Theory]
    [InlineData("", "query:")]
    [InlineData("{not json", "query:")]
    [InlineData("""{"view":"users","metrics":[],"fromTimestamp":"2026-01-01T00:00:00Z","toTimestamp":"2026-01-02T00:00:00Z"}""", "query.view:")]
    [InlineData("""{"view":"traces","dimensions":[{"field":"model"}],"metrics":[],"fromTimestamp":"2026-01-01T00:00:00Z","toTimestamp":"2026-01-02T00:00:00Z"}""", "query.dimensions[0].field:")]
    [InlineData("""{"view":"traces","metrics":[{"measure":"tokens","aggregation":"sum"}],"fromTimestamp":"2026-01-01T00:00:00Z","toTimestamp":"2026-01-02T00:00:00Z"}""", "query.metrics[0].measure:")]
    [InlineData("""{"view":"traces","metrics":[{"measure":"count","aggregation":"median"}],"fromTimestamp":"2026-01-01T00:00:00Z","toTimestamp":"2026-01-02T00:00:00Z"}""", "query.metrics[0].aggregation:")]
    [InlineData("""{"view":"traces","metrics":[{"measure":"latency","aggregation":"histogram"},{"measure":"count","aggregation":"count"}],"fromTimestamp":"2026-01-01T00:00:00Z","toTimestamp":"2026-01-02T00:00:00Z"}""", "query.metrics[0].aggregation:")]
    [InlineData("""{"view":"traces","metrics":[{"measure":"latency","aggregation":"histogram"}],"config":{"bins":0},"fromTimestamp":"2026-01-01T00:00:00Z","toTimestamp":"2026-01-02T00:00:00Z"}""", "query.config.bins:")]
    [InlineData("""{"view":"traces","metrics":[{"measure":"latency","aggregation":"histogram"}],"orderBy":[{"field":"histogram_latency","direction":"desc"}],"fromTimestamp":"2026-01-01T00:00:00Z","toTimestamp":"2026-01-02T00:00:00Z"}""", "query.orderBy[0].field:")]
    [InlineData("""{"view":"traces","metrics":[{"measure":"uniqueUserIds","aggregation":"sum"}],"fromTimestamp":"2026-01-01T00:00:00Z","toTimestamp":"2026-01-02T00:00:00Z"}""", "query.metrics[0].aggregation:")]
    [InlineData("""{"view":"traces","metrics":[{"measure":"count","aggregation":"count"}]}""", "query.fromTimestamp:")]
    [InlineData("""{"view":"traces","metrics":[{"measure":"count","aggregation":"count"}],"fromTimestamp":"2026-01-01","toTimestamp":"2026-01-02T00:00:00Z"}""", "query.fromTimestamp:")]
    [InlineData("""{"view":"traces","metrics":[{"measure":"count","aggregation":"count"}],"fromTimestamp":"2026-01-02T00:00:00Z","toTimestamp":"2026-01-01T00:00:00Z"}""", "query.fromTimestamp:")]
    [InlineData("""{"view":"traces","metrics":[{"measure":"count","aggregation":"count"}],"timeDimension":{"granularity":"week"},"fromTimestamp":"0001-01-01T00:00:00Z","toTimestamp":"2026-01-01T00:00:00Z"}""", "query.fromTimestamp:")]
    [InlineData("""{"view":"traces","metrics":[{"measure":"count","aggregation":"count"}],"timeDimension":{"granularity":"year"},"fromTimestamp":"2026-01-01T00:00:00Z","toTimestamp":"2026-01-02T00:00:00Z"}""", "query.timeDimension.granularity:")]
    [InlineData("""{"view":"traces","metrics":[{"measure":"count","aggregation":"count"}],"filters":[{"column":"input","type":"string","operator":"=","value":"x"}],"fromTimestamp":"2026-01-01T00:00:00Z","toTimestamp":"2026-01-02T00:00:00Z"}""", "query.filters[0].column:")]
    [InlineData("""{"view":"traces","metrics":[{"measure":"count","aggregation":"count"}],"filters":[{"column":"name","type":"number","operator":"=","value":1}],"fromTimestamp":"2026-01-01T00:00:00Z","toTimestamp":"2026-01-02T00:00:00Z"}""", "query.filters[0].type:")]
    [InlineData("""{"view":"traces","metrics":[{"measure":"count","aggregation":"count"}],"filters":[{"column":"name","type":"string","operator":"like","value":"x"}],"fromTimestamp":"2026-01-01T00:00:00Z","toTimestamp":"2026-01-02T00:00:00Z"}""", "query.filters[0].operator:")]
    [InlineData("""{"view":"traces","metrics":[{"measure":"count","aggregation":"count"}],"filters":[{"column":"name","type":"stringOptions","operator":"any of","value":"x"}],"fromTimestamp":"2026-01-01T00:00:00Z","toTimestamp":"2026-01-02T00:00:00Z"}""", "query.filters[0].value:")]
    [InlineData("""{"view":"traces","metrics":[{"measure":"count","aggregation":"count"}],"filters":[{"column":"metadata","type":"stringObject","operator":"=","value":"x"}],"fromTimestamp":"2026-01-01T00:00:00Z","toTimestamp":"2026-01-02T00:00:00Z"}""", "query.filters[0].key:")]
    [InlineData("""{"view":"traces","metrics":[{"measure":"count","aggregation":"count"}],"orderBy":[{"field":"name","direction":"asc"}],"fromTimestamp":"2026-01-01T00:00:00Z","toTimestamp":"2026-01-02T00:00:00Z"}""", "query.orderBy[0].field:")]
    [InlineData("""{"view":"traces","metrics":[{"measure":"count","aggregation":"count"}],"config":{"row_limit":5000},"fromTimestamp":"2026-01-01T00:00:00Z","toTimestamp":"2026-01-02T00:00:00Z"}""", "query.config.row_limit:")]
    public async Task Query_Invalid_Returns400NamingThePart(string query, string part)
    {
        using var client = fixture.ClientA();

        await client.GetBadRequestAsync($"/api/public/metrics?query={ApiCalls.Query(query)}", part);
    }

    [Theory]
    [InlineData("limit=101", "limit:")]
    [InlineData("fromTimestamp=2026-01-01", "fromTimestamp:")]
    public async Task Daily_BadParameter_Returns400NamingIt(string query, string parameter)
    {
        using var client = fixture.ClientA();

        await client.GetBadRequestAsync($"/api/public/metrics/daily?{query}", parameter);
    }

    private static async Task<List<JsonElement>> QueryAsync(HttpClient client, string query) =>
        (await client.GetOkAsync($"/api/public/metrics?query={ApiCalls.Query(query)}")).GetProperty("data").EnumerateArray().ToList();
}
