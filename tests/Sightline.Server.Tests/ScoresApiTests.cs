using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

/// <summary>
/// Score writes: <c>POST /api/public/scores</c> through the durable ingestion path (validation, score configs, the
/// public key alone as Bearer) and <c>DELETE /api/public/scores/{id}</c> (gone from every read, also when the delete
/// overtakes the write it deletes). The list filters are in <see cref="ScoresListApiTests"/>.
/// </summary>
public sealed class ScoresApiTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private const string Scores = "/api/public/scores";

    private SightlineProcess Server => shared.Server;

    private async Task<HttpClient> ClientAsync()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        return Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
    }

    private static async Task<string> PostScoreAsync(HttpClient client, object body)
    {
        var created = await Tenant.ReadAsync(await client.PostAsJsonAsync(Scores, body), HttpStatusCode.OK);
        return created.GetProperty("id").GetString()!;
    }

    private static async Task<string> BadRequestAsync(HttpClient client, string body)
    {
        var answer = await Tenant.ReadAsync(await client.PostAsync(Scores, new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Equal("InvalidRequestError", answer.GetProperty("error").GetString());
        return answer.GetProperty("message").GetString()!;
    }

    private static Task<JsonElement> ScoreAsync(HttpClient client, string id, Func<JsonElement, bool>? accept = null) =>
        Poll.UntilAsync(client, $"/api/public/v2/scores/{id}", accept);

    private static async Task<string> ConfigAsync(HttpClient client, object body) =>
        (await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/score-configs", body), HttpStatusCode.OK)).GetProperty("id").GetString()!;

    /// <summary>
    /// Ingests a trace and waits until it is readable: the worker applies the log in order, so everything appended
    /// before it has been applied too.
    /// </summary>
    private static async Task DrainAsync(HttpClient client)
    {
        var marker = Guid.NewGuid().ToString("N");
        await ReadApiServer.IngestAsync(client, $$$"""{"batch":[{"id":"{{{marker}}}","type":"trace-create","timestamp":"2026-01-01T00:00:00Z","body":{"id":"{{{marker}}}"}}]}""");
        await Poll.UntilAsync(client, $"/api/public/traces/{marker}");
    }

    [Fact]
    public async Task Post_ScoresOfEachTarget_AnswerTheirIdAndReadBack()
    {
        using var client = await ClientAsync();
        var config = await ConfigAsync(client, new { name = "helpfulness", dataType = "NUMERIC" });

        var traceScore = await PostScoreAsync(client, new
        {
            traceId = "trace-1",
            observationId = "obs-1",
            name = "helpfulness",
            value = 0.8,
            comment = "good",
            metadata = new { reviewer = "ann", round = 2 },
            environment = "Langfuse-Prod",
            queueId = "queue-7",
            source = "ANNOTATION",
            configId = config,
        });
        var sessionScore = await PostScoreAsync(client, new { id = "", sessionId = "session-1", name = "satisfaction", value = "happy" });
        var runScore = await PostScoreAsync(client, new { id = "my-run-score", datasetRunId = "run-1", name = "accuracy", value = 1, dataType = "BOOLEAN" });

        Assert.Equal("my-run-score", runScore);
        Assert.True(Guid.TryParse(traceScore, out _) && Guid.TryParse(sessionScore, out _), $"server ids: {traceScore}, {sessionScore}");
        var trace = await ScoreAsync(client, traceScore);
        Assert.Equal(("trace-1", "obs-1", "helpfulness", "NUMERIC", 0.8), (Text(trace, "traceId"), Text(trace, "observationId"), Text(trace, "name"), Text(trace, "dataType"), trace.GetProperty("value").GetDouble()));
        Assert.Equal(("good", "prod", "queue-7", "ANNOTATION", config), (Text(trace, "comment"), Text(trace, "environment"), Text(trace, "queueId"), Text(trace, "source"), Text(trace, "configId")));
        Assert.Equal("""{"reviewer":"ann","round":2}""", JsonSerializer.Serialize(trace.GetProperty("metadata")));
        Assert.Equal(JsonValueKind.Null, trace.GetProperty("stringValue").ValueKind);
        var session = await ScoreAsync(client, sessionScore);
        Assert.Equal(("session-1", "CATEGORICAL", "happy", 0.0, JsonValueKind.Null),
            (Text(session, "sessionId"), Text(session, "dataType"), Text(session, "stringValue"), session.GetProperty("value").GetDouble(), session.GetProperty("traceId").ValueKind));
        var run = await ScoreAsync(client, runScore);
        Assert.Equal(("run-1", "BOOLEAN", 1.0, "True", "API"),
            (Text(run, "datasetRunId"), Text(run, "dataType"), run.GetProperty("value").GetDouble(), Text(run, "stringValue"), Text(run, "source")));
    }

    [Fact]
    public async Task Post_WithThePublicKeyAloneAsBearer_IsAccepted_ButReadsAndDeletesNeedTheSecretKey()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        using var browser = Server.CreateClient();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.PublicKey);

        var created = await Tenant.ReadAsync(await browser.PostAsJsonAsync(Scores, new { traceId = "t", name = "thumbs", value = 1, dataType = "BOOLEAN" }), HttpStatusCode.OK);
        var id = created.GetProperty("id").GetString()!;

        Assert.Equal("thumbs", Text(await ScoreAsync(client, id), "name"));
        await Tenant.ReadAsync(await browser.GetAsync($"/api/public/v2/scores/{id}"), HttpStatusCode.Forbidden);
        await Tenant.ReadAsync(await browser.DeleteAsync($"{Scores}/{id}"), HttpStatusCode.Forbidden);
        await Tenant.ReadAsync(await browser.GetAsync("/api/public/score-configs"), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("""{"traceId":"t","value":1}""", "name: required")]
    [InlineData("""{"traceId":"t","name":"n"}""", "value: required")]
    [InlineData("""{"traceId":"t","name":"n","value":true}""", "value: required, a number or a string")]
    [InlineData("""{"name":"n","value":1}""", "traceId: exactly one of")]
    [InlineData("""{"traceId":"t","sessionId":"s","name":"n","value":1}""", "traceId: exactly one of")]
    [InlineData("""{"sessionId":"s","observationId":"o","name":"n","value":1}""", "observationId: needs traceId")]
    [InlineData("""{"traceId":"t","name":"n","value":2,"dataType":"BOOLEAN"}""", "value: BOOLEAN scores need 0 or 1")]
    [InlineData("""{"traceId":"t","name":"n","value":"high","dataType":"NUMERIC"}""", "value: NUMERIC scores need a number")]
    [InlineData("""{"traceId":"t","name":"n","value":3,"dataType":"CATEGORICAL"}""", "value: CATEGORICAL scores need a string")]
    [InlineData("""{"traceId":"t","name":"n","value":"","dataType":"TEXT"}""", "value: TEXT scores need a string of 1 to 500")]
    [InlineData("""{"traceId":"t","name":"n","value":1,"dataType":"PERCENT"}""", "dataType: expected one of")]
    [InlineData("""{"traceId":"t","name":"n","value":1,"source":"EVAL"}""", "source: must be API or ANNOTATION")]
    [InlineData("""{"traceId":"t","name":"n","value":1,"source":"ANNOTATION"}""", "configId: ANNOTATION scores need a score config")]
    [InlineData("""{"sessionId":"s","name":"n","value":"better text","dataType":"CORRECTION"}""", "traceId: CORRECTION scores belong to a trace")]
    [InlineData("""{"traceId":"t","name":"n","value":1e400}""", "value: out of range")]
    [InlineData("""{"traceId":"t","name":"n","value":1,"timestamp":"2026-01-01"}""", "timestamp: expected an ISO 8601")]
    [InlineData("""{"traceId":7,"name":"n","value":1}""", "traceId: expected a string")]
    [InlineData("""{"traceId":"t","name":"n","value":1,"configId":"no-such-config"}""", "configId: no score config 'no-such-config'")]
    [InlineData("""["not","an","object"]""", "body: must be a score object")]
    [InlineData("""{"name":""", "body: not valid JSON")]
    public async Task Post_InvalidBody_Returns400NamingTheField_AndStoresNothing(string body, string expected)
    {
        using var client = await ClientAsync();

        Assert.StartsWith(expected, await BadRequestAsync(client, body), StringComparison.Ordinal);

        await DrainAsync(client);
        Assert.Empty((await client.GetOkAsync("/api/public/v2/scores")).Ids());
    }

    [Fact]
    public async Task Post_WithAConfig_MustFitIt_AndTakesTheConfigsNameAndType()
    {
        using var client = await ClientAsync();
        var range = await ConfigAsync(client, new { name = "stars", dataType = "NUMERIC", minValue = 1, maxValue = 5 });
        var tone = await ConfigAsync(client, new { name = "tone", dataType = "CATEGORICAL", categories = new[] { new { label = "kind", value = 2 }, new { label = "rude", value = -2 } } });
        var flag = await ConfigAsync(client, new { name = "correct", dataType = "BOOLEAN" });
        var note = await ConfigAsync(client, new { name = "note", dataType = "TEXT" });

        Assert.StartsWith("value: 5.5 is above the maximum 5", await BadRequestAsync(client, $$"""{"traceId":"t","name":"stars","value":5.5,"configId":"{{range}}"}"""), StringComparison.Ordinal);
        Assert.StartsWith("value: 0.5 is below the minimum 1", await BadRequestAsync(client, $$"""{"traceId":"t","name":"stars","value":0.5,"configId":"{{range}}"}"""), StringComparison.Ordinal);
        Assert.StartsWith("value: the score config 'stars' is NUMERIC", await BadRequestAsync(client, $$"""{"traceId":"t","name":"stars","value":"five","configId":"{{range}}"}"""), StringComparison.Ordinal);
        Assert.StartsWith("dataType: the score config 'stars' is NUMERIC, got BOOLEAN", await BadRequestAsync(client, $$"""{"traceId":"t","name":"stars","value":1,"dataType":"BOOLEAN","configId":"{{range}}"}"""), StringComparison.Ordinal);
        Assert.StartsWith("value: 'meh' is not a category of score config 'tone'; expected one of kind, rude", await BadRequestAsync(client, $$"""{"traceId":"t","name":"tone","value":"meh","configId":"{{tone}}"}"""), StringComparison.Ordinal);
        Assert.StartsWith("value: the score config 'correct' is BOOLEAN and needs 0 or 1", await BadRequestAsync(client, $$"""{"traceId":"t","name":"correct","value":3,"configId":"{{flag}}"}"""), StringComparison.Ordinal);
        Assert.StartsWith("value: the score config 'note' is TEXT", await BadRequestAsync(client, $$"""{"traceId":"t","name":"note","value":4,"configId":"{{note}}"}"""), StringComparison.Ordinal);

        // Bounds are inclusive; the config names the score and maps a category to its number.
        var top = await PostScoreAsync(client, new { traceId = "t", name = "rating", value = 5, configId = range });
        var kind = await PostScoreAsync(client, new { traceId = "t", name = "whatever", value = "rude", configId = tone });
        var correct = await PostScoreAsync(client, new { traceId = "t", name = "correct", value = 0, configId = flag });
        var text = await PostScoreAsync(client, new { traceId = "t", name = "note", value = "Needs a source.", configId = note });

        var stored = await ScoreAsync(client, top);
        Assert.Equal(("stars", "NUMERIC", 5.0, range), (Text(stored, "name"), Text(stored, "dataType"), stored.GetProperty("value").GetDouble(), Text(stored, "configId")));
        var category = await ScoreAsync(client, kind);
        Assert.Equal(("tone", "CATEGORICAL", -2.0, "rude"), (Text(category, "name"), Text(category, "dataType"), category.GetProperty("value").GetDouble(), Text(category, "stringValue")));
        var boolean = await ScoreAsync(client, correct);
        Assert.Equal(("BOOLEAN", 0.0, "False"), (Text(boolean, "dataType"), boolean.GetProperty("value").GetDouble(), Text(boolean, "stringValue")));
        var textScore = await ScoreAsync(client, text);
        Assert.Equal(("TEXT", "Needs a source."), (Text(textScore, "dataType"), Text(textScore, "stringValue")));
        Assert.False(textScore.TryGetProperty("value", out _), $"a TEXT score has no value: {textScore}");
    }

    [Fact]
    public async Task Post_WithAnArchivedConfig_Returns400_UntilTheConfigIsRestored()
    {
        using var client = await ClientAsync();
        var config = await ConfigAsync(client, new { name = "stars", dataType = "NUMERIC" });
        await Tenant.ReadAsync(await client.PatchAsJsonAsync($"/api/public/score-configs/{config}", new { isArchived = true }), HttpStatusCode.OK);

        Assert.StartsWith($"configId: score config '{config}' is archived", await BadRequestAsync(client, $$"""{"traceId":"t","name":"stars","value":3,"configId":"{{config}}"}"""), StringComparison.Ordinal);

        await Tenant.ReadAsync(await client.PatchAsJsonAsync($"/api/public/score-configs/{config}", new { isArchived = false }), HttpStatusCode.OK);
        var id = await PostScoreAsync(client, new { traceId = "t", name = "stars", value = 3, configId = config });
        Assert.Equal(3.0, (await ScoreAsync(client, id)).GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Ingestion_ScoreThatDoesNotFitItsConfig_IsAcknowledgedButDropped_AsInLangfuse()
    {
        using var client = await ClientAsync();
        var config = await ConfigAsync(client, new { name = "stars", dataType = "NUMERIC", minValue = 1, maxValue = 5 });
        var other = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var otherClient = Server.CreateClient(other.PublicKey, other.SecretKey);
        var foreign = await ConfigAsync(otherClient, new { name = "stars", dataType = "NUMERIC" });

        using var response = await client.PostAsync("/api/public/ingestion", new StringContent($$$"""
            {"batch":[
            {"id":"e1","type":"score-create","timestamp":"2026-01-01T00:00:00Z","body":{"id":"fits","traceId":"t","name":"stars","value":4,"configId":"{{{config}}}"}},
            {"id":"e2","type":"score-create","timestamp":"2026-01-01T00:00:00Z","body":{"id":"too-high","traceId":"t","name":"stars","value":9,"configId":"{{{config}}}"}},
            {"id":"e3","type":"score-create","timestamp":"2026-01-01T00:00:00Z","body":{"id":"unknown-config","traceId":"t","name":"stars","value":2,"configId":"nope"}},
            {"id":"e4","type":"score-create","timestamp":"2026-01-01T00:00:00Z","body":{"id":"foreign-config","traceId":"t","name":"stars","value":2,"configId":"{{{foreign}}}"}}
            ]}
            """, Encoding.UTF8, "application/json"));
        var body = await Tenant.ReadAsync(response, HttpStatusCode.MultiStatus);

        Assert.Equal(4, body.GetProperty("successes").GetArrayLength());
        Assert.Equal(0, body.GetProperty("errors").GetArrayLength());
        await ScoreAsync(client, "fits");
        Assert.Equal(["fits"], (await client.GetOkAsync("/api/public/v2/scores")).Ids());
    }

    [Fact]
    public async Task Delete_Returns202_AndTheScoreIsGoneFromEveryRead()
    {
        using var client = await ClientAsync();
        await ReadApiServer.IngestAsync(client, """
            {"batch":[
            {"id":"e1","type":"trace-create","timestamp":"2026-01-01T00:00:00Z","body":{"id":"t-del","name":"to score"}},
            {"id":"e2","type":"score-create","timestamp":"2026-01-01T00:00:01Z","body":{"id":"s-del","traceId":"t-del","name":"quality","value":0.4}},
            {"id":"e3","type":"score-create","timestamp":"2026-01-01T00:00:02Z","body":{"id":"s-keep","traceId":"t-del","name":"quality","value":0.6}}
            ]}
            """);
        await Poll.UntilAsync(client, "/api/public/traces/t-del", t => t.GetProperty("scores").GetArrayLength() == 2);

        var deleted = await Tenant.ReadAsync(await client.DeleteAsync($"{Scores}/s-del"), HttpStatusCode.Accepted);

        Assert.Equal("Score deletion queued successfully", deleted.GetProperty("message").GetString());
        Assert.Equal(["s-keep"], (await client.GetOkAsync("/api/public/traces/t-del")).GetProperty("scores").EnumerateArray().Select(s => Text(s, "id")));
        await Tenant.ReadAsync(await client.GetAsync("/api/public/v2/scores/s-del"), HttpStatusCode.NotFound);
        await Tenant.ReadAsync(await client.GetAsync($"{Scores}/s-del"), HttpStatusCode.NotFound);
        Assert.Equal(["s-keep"], (await client.GetOkAsync("/api/public/v2/scores")).Ids());
        Assert.Equal(["s-keep"], (await client.GetOkAsync(Scores)).Ids());
        Assert.Equal(["s-keep"], (await client.GetOkAsync("/api/public/traces?fields=scores")).GetProperty("data")[0].GetProperty("scores").EnumerateArray().Select(s => s.GetString()));

        // The tombstone in the log changes nothing more once the worker reaches it, and deleting again is harmless.
        await Tenant.ReadAsync(await client.DeleteAsync($"{Scores}/s-del"), HttpStatusCode.Accepted);
        await DrainAsync(client);
        Assert.Equal(["s-keep"], (await client.GetOkAsync("/api/public/v2/scores")).Ids());
    }

    [Fact]
    public async Task Delete_RightAfterTheWrite_WinsOverIt_AndALaterWriteCreatesTheScoreAgain()
    {
        using var client = await ClientAsync();

        // Written and deleted back to back: the worker may not have stored the score when the delete arrives.
        await PostScoreAsync(client, new { id = "quick", traceId = "t", name = "quality", value = 0.1 });
        await Tenant.ReadAsync(await client.DeleteAsync($"{Scores}/quick"), HttpStatusCode.Accepted);
        await DrainAsync(client);
        await Tenant.ReadAsync(await client.GetAsync("/api/public/v2/scores/quick"), HttpStatusCode.NotFound);

        await PostScoreAsync(client, new { id = "quick", traceId = "t", name = "quality", value = 0.9 });
        var again = await ScoreAsync(client, "quick");
        Assert.Equal(0.9, again.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Delete_AnotherProjectsScore_LeavesItInPlace()
    {
        using var owner = await ClientAsync();
        using var other = await ClientAsync();
        var id = await PostScoreAsync(owner, new { traceId = "t", name = "quality", value = 0.5 });
        await ScoreAsync(owner, id);

        await Tenant.ReadAsync(await other.DeleteAsync($"{Scores}/{id}"), HttpStatusCode.Accepted);

        await DrainAsync(owner);
        Assert.Equal(0.5, (await owner.GetOkAsync($"/api/public/v2/scores/{id}")).GetProperty("value").GetDouble());
    }

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"'{name}' is null in {element}");
}
