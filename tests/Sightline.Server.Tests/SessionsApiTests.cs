using System.Globalization;
using System.Net;
using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

[Collection(ReadApiGroup.Name)]
public sealed class SessionsApiTests(ReadApiServer fixture)
{
    [Fact]
    public async Task List_ReturnsEachSessionNamedByATrace_NewestFirst_InItsFirstTracesEnvironment()
    {
        using var client = fixture.ClientA();

        var body = await client.GetOkAsync("/api/public/sessions");

        var sessions = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["s-1", "s-2", "s-3"], sessions.Select(s => s.GetProperty("id").GetString()).Order());
        Assert.Equal((1, 50, 3L, 1L), body.Meta());
        var keys = sessions.Select(s => (CreatedAt: s.GetProperty("createdAt").GetString()!, Id: s.GetProperty("id").GetString()!)).ToList();
        Assert.Equal(keys.OrderByDescending(k => k.CreatedAt, StringComparer.Ordinal).ThenByDescending(k => k.Id, StringComparer.Ordinal), keys);
        var environments = sessions.ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("environment").GetString());
        Assert.Equal("production", environments["s-1"]);
        Assert.Equal("staging", environments["s-2"]);
        Assert.Equal("development", environments["s-3"]);
        Assert.All(sessions, s => Assert.Equal(fixture.A.ProjectId, s.GetProperty("projectId").GetString()));
    }

    [Theory]
    [InlineData("environment=staging", "s-2")]
    [InlineData("environment=production&environment=development", "s-1,s-3")]
    [InlineData("environment=test", "")]
    public async Task List_EnvironmentFilter_KeepsSessionsOfThoseEnvironments(string query, string expected)
    {
        using var client = fixture.ClientA();

        var body = await client.GetOkAsync($"/api/public/sessions?{query}");

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), body.Ids().Order());
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries).Length, body.Meta().TotalItems);
    }

    [Fact]
    public async Task List_TimeRange_AppliesToTheSessionCreationTime()
    {
        using var client = fixture.ClientA();
        var all = await client.GetOkAsync("/api/public/sessions");
        var created = all.GetProperty("data").EnumerateArray()
            .Select(s => DateTime.Parse(s.GetProperty("createdAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)).ToList();
        var first = created.Min();
        var last = created.Max();

        var fromFirst = await client.GetOkAsync($"/api/public/sessions?fromTimestamp={Iso(first)}");
        var afterLast = await client.GetOkAsync($"/api/public/sessions?fromTimestamp={Iso(last.AddMilliseconds(1))}");
        var beforeFirst = await client.GetOkAsync($"/api/public/sessions?toTimestamp={Iso(first)}");
        var throughLast = await client.GetOkAsync($"/api/public/sessions?toTimestamp={Iso(last.AddMilliseconds(1))}");

        Assert.Equal(3, fromFirst.Meta().TotalItems);
        Assert.Equal(0, afterLast.Meta().TotalItems);
        Assert.Equal(0, beforeFirst.Meta().TotalItems);
        Assert.Equal(3, throughLast.Meta().TotalItems);

        static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task List_Pages_SplitTheSessions()
    {
        using var client = fixture.ClientA();

        var first = await client.GetOkAsync("/api/public/sessions?limit=2");
        var second = await client.GetOkAsync("/api/public/sessions?limit=2&page=2");

        Assert.Equal((1, 2, 3L, 2L), first.Meta());
        Assert.Equal((2, 2, 3L, 2L), second.Meta());
        Assert.Equal(["s-1", "s-2", "s-3"], first.Ids().Concat(second.Ids()).Order());
    }

    [Fact]
    public async Task Get_ReturnsTheSessionWithAllItsTracesOldestFirst()
    {
        using var client = fixture.ClientA();

        var session = await client.GetOkAsync("/api/public/sessions/s-1");
        var listed = (await client.GetOkAsync("/api/public/sessions?environment=production")).GetProperty("data")[0];

        Assert.Equal(("s-1", "production", fixture.A.ProjectId), (session.GetProperty("id").GetString(), session.GetProperty("environment").GetString(), session.GetProperty("projectId").GetString()));
        Assert.Equal(listed.GetProperty("createdAt").GetString(), session.GetProperty("createdAt").GetString());
        var traces = session.GetProperty("traces").EnumerateArray().ToList();
        Assert.Equal(["t1", "t2"], traces.Select(t => t.GetProperty("id").GetString()));
        Assert.Equal(["u-1", "u-2"], traces.Select(t => t.GetProperty("userId").GetString()));
        Assert.Equal("hello", traces[0].GetProperty("input").GetProperty("q").GetString());
        Assert.All(traces, t => Assert.Equal("s-1", t.GetProperty("sessionId").GetString()));
        Assert.False(traces[0].TryGetProperty("htmlPath", out _));
    }

    [Fact]
    public async Task Get_UnknownSession_Returns404()
    {
        using var client = fixture.ClientA();

        var body = await Tenant.ReadAsync(await client.GetAsync("/api/public/sessions/nope"), HttpStatusCode.NotFound);

        Assert.Equal("Session not found within authorized project", body.GetProperty("message").GetString());
        Assert.Equal("LangfuseNotFoundError", body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("limit=500", "limit:")]
    [InlineData("page=zero", "page:")]
    [InlineData("fromTimestamp=2026-13-01T00:00:00Z", "fromTimestamp:")]
    [InlineData("toTimestamp=2026-01-01", "toTimestamp:")]
    public async Task List_BadParameter_Returns400NamingIt(string query, string parameter)
    {
        using var client = fixture.ClientA();

        await client.GetBadRequestAsync($"/api/public/sessions?{query}", parameter);
    }

    [Fact]
    public async Task Sessions_OfTwoProjectsWithTheSameId_StayApart()
    {
        using var a = fixture.ClientA();
        using var b = fixture.ClientB();

        var ofA = await a.GetOkAsync("/api/public/sessions/s-1");
        var ofB = await b.GetOkAsync("/api/public/sessions/s-1");

        Assert.Equal(2, ofA.GetProperty("traces").GetArrayLength());
        var trace = Assert.Single(ofB.GetProperty("traces").EnumerateArray());
        Assert.Equal("other-project", trace.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Array, ofB.GetProperty("traces").ValueKind);
    }
}
