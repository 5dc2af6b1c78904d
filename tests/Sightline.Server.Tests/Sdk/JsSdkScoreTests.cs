using System.Text.Encodings.Web;
using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests.Sdk;

/// <summary>
/// Scores and score configs through the published JavaScript SDKs: <c>@langfuse/client</c> 5.x (scores-client.mjs)
/// and <c>langfuse</c> v3 with <c>LangfuseWeb</c> (scores-v3.mjs), each in a fresh project. The test checks what the
/// SDK got back from the config and score endpoints, the errors it surfaced, and the scores as the server stored
/// them after the deletion.
/// </summary>
[Collection(JsSdkServer.Name)]
public sealed class JsSdkScoreTests(SharedServer shared)
{
    private SightlineProcess Server => shared.Server;

    [Fact]
    public async Task LangfuseClient_ConfigsScoresErrorsAndDeletion()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);

        var result = await NodeScript.RunAsync(Server, tenant, "scores-client.mjs");

        var configs = result.GetProperty("configs").EnumerateArray().ToList();
        Assert.Equal(["stars NUMERIC 1..5", "tone CATEGORICAL", "resolved BOOLEAN"], configs.Select(c =>
            $"{Text(c, "name")} {Text(c, "dataType")}{(c.GetProperty("minValue").ValueKind == JsonValueKind.Number ? $" {c.GetProperty("minValue")}..{c.GetProperty("maxValue")}" : "")}"));
        Assert.Equal("""[{"label":"True","value":1},{"label":"False","value":0}]""", Json(configs[2].GetProperty("categories")));
        Assert.Equal("""{"names":["resolved","tone"],"meta":{"page":1,"limit":2,"totalItems":3,"totalPages":2}}""", Json(result.GetProperty("configPage")));
        Assert.Equal(Json(configs[1]), Json(result.GetProperty("configById")));
        var archived = result.GetProperty("archived");
        Assert.Equal((true, "retired"), (archived.GetProperty("isArchived").GetBoolean(), Text(archived, "description")));

        var created = result.GetProperty("created");
        var traceScores = result.GetProperty("traceScores").EnumerateArray().ToDictionary(s => Text(s, "id"));
        var rated = traceScores[Text(created, "rated")];
        Assert.Equal(("stars", "NUMERIC", 4.0, "helpful", Text(configs[0], "id")), (Text(rated, "name"), Text(rated, "dataType"), rated.GetProperty("value").GetDouble(), Text(rated, "comment"), Text(rated, "configId")));
        var batched = traceScores[Text(created, "batched")];
        Assert.Equal(("latency-ok", "BOOLEAN", "True", Text(result, "traceId")), (Text(batched, "name"), Text(batched, "dataType"), Text(batched, "stringValue"), Text(batched, "traceId")));
        Assert.Equal(2, result.GetProperty("traceMeta").GetProperty("totalItems").GetInt32());
        var session = Assert.Single(result.GetProperty("bySession").EnumerateArray());
        Assert.Equal(("tone", "kind", 1.0, Text(result, "sessionId"), JsonValueKind.Null),
            (Text(session, "name"), Text(session, "stringValue"), session.GetProperty("value").GetDouble(), Text(session, "sessionId"), session.GetProperty("trace").ValueKind));
        Assert.Equal(Json(rated.GetProperty("configId")), Json(result.GetProperty("byId").GetProperty("configId")));

        var errors = result.GetProperty("errors");
        Assert.Equal("""{"statusCode":400,"body":{"message":"value: 9 is above the maximum 5 of score config 'stars'","error":"InvalidRequestError"}}""", Json(errors.GetProperty("outOfRange")));
        Assert.StartsWith($$"""{"statusCode":400,"body":{"message":"configId: score config '{{Text(configs[2], "id")}}' is archived""", Json(errors.GetProperty("archived")), StringComparison.Ordinal);
        Assert.Equal(400, errors.GetProperty("badConfig").GetProperty("statusCode").GetInt32());
        Assert.StartsWith("categories: required", Text(errors.GetProperty("badConfig").GetProperty("body"), "message"), StringComparison.Ordinal);
        Assert.Equal("""{"statusCode":404,"body":{"message":"Score config not found within authorized project","error":"LangfuseNotFoundError"}}""", Json(errors.GetProperty("unknownConfig")));

        // legacy.scoreV1.delete removed the score from the SDK's next read, and for good.
        Assert.Equal([Text(created, "batched")], result.GetProperty("afterDelete").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(404, result.GetProperty("deletedRead").GetProperty("statusCode").GetInt32());
        string[] remaining = [.. new[] { Text(created, "session"), Text(created, "batched") }.Order(StringComparer.Ordinal)];
        Assert.Equal(remaining, (await client.GetOkAsync("/api/public/v2/scores?fields=score")).Ids().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LangfuseV3_ConfigsScoresFromServerAndBrowserSdk_AndDeletion()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);

        var result = await NodeScript.RunAsync(Server, tenant, "scores-v3.mjs");

        var config = result.GetProperty("config");
        Assert.Equal(("NUMERIC", 0.0, 1.0), (Text(config, "dataType"), config.GetProperty("minValue").GetDouble(), config.GetProperty("maxValue").GetDouble()));
        Assert.Equal([Text(config, "id")], result.GetProperty("configList").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Json(config), Json(result.GetProperty("configById")));
        Assert.Equal("""{"status":400,"body":{"message":"value: 2 is above the maximum 1 of score config '""" + Text(config, "name") + """'","error":"InvalidRequestError"}}""",
            Json(result.GetProperty("refused")));

        var created = result.GetProperty("created");
        var scores = result.GetProperty("scores").EnumerateArray().ToDictionary(s => Text(s, "id"));
        Assert.Equal(3, scores.Count);
        // The config names the score, whatever name the request carried.
        var api = scores[Text(created, "api")];
        Assert.Equal((Text(config, "name"), 0.75, Text(config, "id")), (Text(api, "name"), api.GetProperty("value").GetDouble(), Text(api, "configId")));
        var thumbs = scores[Text(created, "thumbs")];
        Assert.Equal(("thumbs", "BOOLEAN", "True", "from the server SDK"), (Text(thumbs, "name"), Text(thumbs, "dataType"), Text(thumbs, "stringValue"), Text(thumbs, "comment")));
        // LangfuseWeb holds the public key only: its score came through ingestion with Bearer authentication.
        var browser = scores[Text(created, "browser")];
        Assert.Equal(("user-feedback", "CATEGORICAL", "loved it", Text(result, "traceId")), (Text(browser, "name"), Text(browser, "dataType"), Text(browser, "stringValue"), Text(browser, "traceId")));
        Assert.Equal(Json(api.GetProperty("id")), Json(result.GetProperty("byId").GetProperty("id")));

        string[] remaining = [.. new[] { Text(created, "api"), Text(created, "browser") }.Order(StringComparer.Ordinal)];
        Assert.Equal(remaining, result.GetProperty("afterDelete").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(remaining, (await client.GetOkAsync("/api/public/v2/scores")).Ids().Order(StringComparer.Ordinal));
    }

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"'{name}' is null in {element}");

    // Keeps quotes and apostrophes as written, so expected JSON reads like the server's answer.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Json(JsonElement element) => JsonSerializer.Serialize(element, Compact);
}
