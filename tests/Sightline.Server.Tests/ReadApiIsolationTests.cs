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
        ("/api/public/comments", "/api/public/comments", HttpStatusCode.OK),
        ("/api/public/comments", "/api/public/comments?objectType=TRACE&objectId=t2", HttpStatusCode.OK),
        ("/api/public/comments/{commentId}", "/api/public/comments/{commentA}", HttpStatusCode.NotFound),
        ("/api/public/annotation-queues", "/api/public/annotation-queues", HttpStatusCode.OK),
        ("/api/public/annotation-queues/{queueId}", "/api/public/annotation-queues/{queueA}", HttpStatusCode.NotFound),
        ("/api/public/annotation-queues/{queueId}/items", "/api/public/annotation-queues/{queueA}/items", HttpStatusCode.NotFound),
        ("/api/public/annotation-queues/{queueId}/items/{itemId}", "/api/public/annotation-queues/{queueA}/items/{itemA}", HttpStatusCode.NotFound),
        ("/api/public/annotation-queues/{queueId}/items/{itemId}", "/api/public/annotation-queues/{queueB}/items/{itemA}", HttpStatusCode.NotFound),
        ("/api/public/v2/scores", "/api/public/v2/scores", HttpStatusCode.OK),
        ("/api/public/v2/scores", "/api/public/v2/scores?traceId=t2&name=quality", HttpStatusCode.OK),
        ("/api/public/v2/scores", "/api/public/v2/scores?userId=u-1&traceTags=a", HttpStatusCode.OK),
        ("/api/public/v2/scores/{scoreId}", "/api/public/v2/scores/t1-quality", HttpStatusCode.OK),
        ("/api/public/v3/scores", "/api/public/v3/scores?fields=details,subject,annotation", HttpStatusCode.OK),
        ("/api/public/v3/scores", "/api/public/v3/scores?traceId=t2&name=quality", HttpStatusCode.OK),
        ("/api/public/v3/scores", "/api/public/v3/scores?id=t1-sentiment,t2-quality", HttpStatusCode.OK),
        ("/api/public/v2/scores/{scoreId}", "/api/public/v2/scores/t1-sentiment", HttpStatusCode.NotFound),
        ("/api/public/scores", "/api/public/scores", HttpStatusCode.OK),
        ("/api/public/scores/{scoreId}", "/api/public/scores/t1-quality", HttpStatusCode.OK),
        ("/api/public/scores/{scoreId}", "/api/public/scores/t2-quality", HttpStatusCode.NotFound),
        ("/api/public/score-configs", "/api/public/score-configs", HttpStatusCode.OK),
        ("/api/public/score-configs/{configId}", "/api/public/score-configs/{configA}", HttpStatusCode.NotFound),
        ("/api/public/v2/datasets", "/api/public/v2/datasets", HttpStatusCode.OK),
        ("/api/public/v2/datasets/{datasetName}", "/api/public/v2/datasets/a-dataset", HttpStatusCode.NotFound),
        ("/api/public/datasets", "/api/public/datasets", HttpStatusCode.OK),
        ("/api/public/datasets/{datasetName}", "/api/public/datasets/a-dataset", HttpStatusCode.NotFound),
        ("/api/public/datasets/{datasetName}/runs", "/api/public/datasets/a-dataset/runs", HttpStatusCode.NotFound),
        ("/api/public/datasets/{datasetName}/runs/{runName}", "/api/public/datasets/a-dataset/runs/a-run", HttpStatusCode.NotFound),
        ("/api/public/dataset-items", "/api/public/dataset-items", HttpStatusCode.OK),
        ("/api/public/dataset-items", "/api/public/dataset-items?datasetName=a-dataset", HttpStatusCode.NotFound),
        ("/api/public/dataset-items", "/api/public/dataset-items?sourceTraceId=t2", HttpStatusCode.OK),
        ("/api/public/dataset-items/{id}", "/api/public/dataset-items/a-item", HttpStatusCode.NotFound),
        ("/api/public/dataset-run-items", "/api/public/dataset-run-items?datasetId={datasetA}&runName=a-run", HttpStatusCode.NotFound),
        ("/api/public/llm-connections", "/api/public/llm-connections", HttpStatusCode.OK),
    ];

    /// <summary>
    /// Every write route of the families below, called with project B's key on project A's objects. None may
    /// change A's rows; <see cref="EveryWriteEndpoint_WithAnotherProjectsKey_ChangesNoneOfTheFirstProjectsRows"/>
    /// reads them back with A's key. Placeholders in braces (<c>{projectA}</c>, <c>{queueA}</c>...) are filled in per run.
    /// </summary>
    private static readonly (string Method, string Route, string Path, string Body, HttpStatusCode Status)[] Writes =
    [
        ("POST", "/api/public/comments", "/api/public/comments", """{"projectId":"{projectA}","objectType":"TRACE","objectId":"t2","content":"from b"}""", HttpStatusCode.NotFound),
        ("POST", "/api/public/comments", "/api/public/comments", """{"projectId":"{projectB}","objectType":"TRACE","objectId":"t3","content":"from b"}""", HttpStatusCode.NotFound),
        ("POST", "/api/public/comments", "/api/public/comments", """{"projectId":"{projectB}","objectType":"SESSION","objectId":"s-2","content":"from b"}""", HttpStatusCode.NotFound),
        // Queue names are unique per project: B gets a queue of its own under A's queue's name.
        ("POST", "/api/public/annotation-queues", "/api/public/annotation-queues", """{"name":"project-a-queue","scoreConfigIds":["{configB}"]}""", HttpStatusCode.OK),
        ("POST", "/api/public/annotation-queues", "/api/public/annotation-queues", """{"name":"borrowed-config","scoreConfigIds":["{configA}"]}""", HttpStatusCode.BadRequest),
        ("POST", "/api/public/annotation-queues/{queueId}/items", "/api/public/annotation-queues/{queueA}/items", """{"objectId":"t1","objectType":"TRACE"}""", HttpStatusCode.NotFound),
        ("PATCH", "/api/public/annotation-queues/{queueId}/items/{itemId}", "/api/public/annotation-queues/{queueA}/items/{itemA}", """{"status":"COMPLETED"}""", HttpStatusCode.NotFound),
        ("PATCH", "/api/public/annotation-queues/{queueId}/items/{itemId}", "/api/public/annotation-queues/{queueB}/items/{itemA}", """{"status":"COMPLETED"}""", HttpStatusCode.NotFound),
        ("DELETE", "/api/public/annotation-queues/{queueId}/items/{itemId}", "/api/public/annotation-queues/{queueA}/items/{itemA}", "{}", HttpStatusCode.NotFound),
        ("DELETE", "/api/public/annotation-queues/{queueId}/items/{itemId}", "/api/public/annotation-queues/{queueB}/items/{itemA}", "{}", HttpStatusCode.NotFound),
        ("POST", "/api/public/annotation-queues/{queueId}/assignments", "/api/public/annotation-queues/{queueA}/assignments", """{"userId":"{member}"}""", HttpStatusCode.NotFound),
        ("DELETE", "/api/public/annotation-queues/{queueId}/assignments", "/api/public/annotation-queues/{queueA}/assignments", """{"userId":"{member}"}""", HttpStatusCode.NotFound),
        // A score cannot use another project's config; a delete of an id B does not hold removes nothing.
        ("POST", "/api/public/scores", "/api/public/scores", """{"traceId":"t1","name":"note","value":"from b","configId":"{configA}"}""", HttpStatusCode.BadRequest),
        ("DELETE", "/api/public/scores/{scoreId}", "/api/public/scores/t1-sentiment", "{}", HttpStatusCode.Accepted),
        ("POST", "/api/public/score-configs", "/api/public/score-configs", """{"name":"b-config","dataType":"TEXT"}""", HttpStatusCode.OK),
        ("PATCH", "/api/public/score-configs/{configId}", "/api/public/score-configs/{configA}", """{"isArchived":true,"name":"taken-over"}""", HttpStatusCode.NotFound),
        // Dataset names and item ids are unique per project: B's writes under the names and ids of A's dataset "a-shared"
        // make B's own rows (reads use A's other dataset, which B never names).
        ("DELETE", "/api/public/dataset-items/{id}", "/api/public/dataset-items/a-item", "{}", HttpStatusCode.NotFound),
        ("DELETE", "/api/public/datasets/{datasetName}/runs/{runName}", "/api/public/datasets/a-dataset/runs/a-run", "{}", HttpStatusCode.NotFound),
        ("POST", "/api/public/dataset-run-items", "/api/public/dataset-run-items", """{"runName":"a-run","datasetItemId":"a-item","traceId":"t1"}""", HttpStatusCode.NotFound),
        ("POST", "/api/public/dataset-items", "/api/public/dataset-items", """{"datasetName":"a-dataset","id":"b-item","input":"from b"}""", HttpStatusCode.NotFound),
        ("POST", "/api/public/v2/datasets", "/api/public/v2/datasets", """{"name":"a-shared","description":"from b"}""", HttpStatusCode.OK),
        ("POST", "/api/public/datasets", "/api/public/datasets", """{"name":"a-shared","metadata":{"by":"b"}}""", HttpStatusCode.OK),
        ("POST", "/api/public/dataset-items", "/api/public/dataset-items", """{"datasetName":"a-shared","id":"a-shared-item","input":"from b"}""", HttpStatusCode.OK),
        // Provider names are unique per project: B's upsert under A's provider name creates B's own connection.
        ("PUT", "/api/public/llm-connections", "/api/public/llm-connections", """{"provider":"a-connection","adapter":"anthropic","secretKey":"sk-project-b-1111"}""", HttpStatusCode.Created),
        ("DELETE", "/api/public/llm-connections/{id}", "/api/public/llm-connections/{connectionA}", "{}", HttpStatusCode.NotFound),
        ("POST", "/api/sightline/llm-connections/{id}/test", "/api/sightline/llm-connections/{connectionA}/test", "{}", HttpStatusCode.NotFound),
    ];

    /// <summary>Route families whose every operation (not only reads) must be in one of the tables.</summary>
    private static readonly string[] WriteFamilies =
    [
        "/api/public/comments", "/api/public/annotation-queues", "/api/public/scores", "/api/public/score-configs", "/api/public/v2/datasets",
        "/api/public/datasets", "/api/public/dataset-items", "/api/public/dataset-run-items", "/api/public/llm-connections",
        "/api/sightline/llm-connections",
    ];

    [Fact]
    public async Task EveryReadEndpoint_WithAnotherProjectsKey_ReturnsNoneOfTheFirstProjectsData()
    {
        using var b = fixture.ClientB();

        foreach (var (_, template, status) in Calls)
        {
            var path = Fill(template);
            using var response = await b.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{path} answered {(int)response.StatusCode}: {body}");
            foreach (var marker in ProjectAMarkers())
            {
                Assert.False(body.Contains(marker, StringComparison.Ordinal), $"{path} returned project A's {marker}: {body}");
            }
        }
    }

    [Fact]
    public async Task EveryWriteEndpoint_WithAnotherProjectsKey_ChangesNoneOfTheFirstProjectsRows()
    {
        using var a = fixture.ClientA();
        using var b = fixture.ClientB();
        var commentsBefore = (await a.GetOkAsync("/api/public/comments?limit=100")).GetProperty("data").GetRawText();
        var queuesBefore = (await a.GetOkAsync("/api/public/annotation-queues?limit=100")).GetProperty("data").GetRawText();
        var itemBefore = (await a.GetOkAsync($"/api/public/annotation-queues/{fixture.QueueA}/items/{fixture.QueueItemA}")).GetRawText();
        var scoresBefore = (await a.GetOkAsync("/api/public/v2/scores?limit=100")).GetProperty("data").GetRawText();
        var configBefore = (await a.GetOkAsync($"/api/public/score-configs/{fixture.ConfigOfA}")).GetRawText();
        var datasetBefore = (await a.GetOkAsync("/api/public/datasets/a-dataset")).GetRawText();
        var runBefore = (await a.GetOkAsync("/api/public/datasets/a-dataset/runs/a-run")).GetRawText();
        var sharedBefore = (await a.GetOkAsync("/api/public/datasets/a-shared")).GetRawText();
        var connectionsBefore = (await a.GetOkAsync("/api/public/llm-connections")).GetRawText();

        foreach (var (method, _, template, body, status) in Writes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), Fill(template))
            {
                Content = new StringContent(Fill(body), System.Text.Encoding.UTF8, "application/json"),
            };
            using var response = await b.SendAsync(request);
            var answer = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{method} {template} {body} answered {(int)response.StatusCode}: {answer}");
            foreach (var marker in ProjectAMarkers())
            {
                Assert.False(answer.Contains(marker, StringComparison.Ordinal), $"{method} {template} returned project A's {marker}: {answer}");
            }
        }

        Assert.Equal(queuesBefore, (await a.GetOkAsync("/api/public/annotation-queues?limit=100")).GetProperty("data").GetRawText());
        var item = await a.GetOkAsync($"/api/public/annotation-queues/{fixture.QueueA}/items/{fixture.QueueItemA}");
        Assert.Equal(itemBefore, item.GetRawText());
        Assert.Equal(("PENDING", JsonValueKind.Null), (item.GetProperty("status").GetString(), item.GetProperty("completedAt").ValueKind));
        Assert.Equal(1, await fixture.CountAsync(
            "annotation_queue_assignments", ("QueueId", fixture.QueueA), ("UserId", fixture.MemberUserId)));

        Assert.Equal(commentsBefore, (await a.GetOkAsync("/api/public/comments?limit=100")).GetProperty("data").GetRawText());
        var own = await a.GetOkAsync("/api/public/comments?objectType=TRACE&objectId=t2");
        Assert.Equal([fixture.CommentA], own.Ids());
        Assert.Equal(ReadApiDataset.ProjectACommentContent, own.GetProperty("data")[0].GetProperty("content").GetString());

        Assert.Equal(scoresBefore, (await a.GetOkAsync("/api/public/v2/scores?limit=100")).GetProperty("data").GetRawText());
        Assert.Equal("positive", (await a.GetOkAsync("/api/public/v2/scores/t1-sentiment")).GetProperty("stringValue").GetString());
        Assert.Equal(configBefore, (await a.GetOkAsync($"/api/public/score-configs/{fixture.ConfigOfA}")).GetRawText());

        Assert.Equal(datasetBefore, (await a.GetOkAsync("/api/public/datasets/a-dataset")).GetRawText());
        Assert.Equal(runBefore, (await a.GetOkAsync("/api/public/datasets/a-dataset/runs/a-run")).GetRawText());
        Assert.Equal(sharedBefore, (await a.GetOkAsync("/api/public/datasets/a-shared")).GetRawText());
        Assert.Equal(ReadApiDataset.ProjectADatasetNote, (await a.GetOkAsync("/api/public/v2/datasets/a-shared")).GetProperty("description").GetString());
        Assert.Equal(ReadApiDataset.ProjectAItemInput, (await a.GetOkAsync("/api/public/dataset-items/a-shared-item")).GetProperty("input").GetString());
        Assert.Equal(ReadApiDataset.ProjectAItemInput, (await a.GetOkAsync("/api/public/dataset-items/a-item")).GetProperty("input").GetString());
        Assert.Equal(["a-item"], (await a.GetOkAsync($"/api/public/dataset-run-items?datasetId={fixture.DatasetOfA}&runName=a-run")).GetProperty("data")
            .EnumerateArray().Select(i => i.GetProperty("datasetItemId").GetString()));
        var connections = await a.GetOkAsync("/api/public/llm-connections");
        Assert.Equal(connectionsBefore, connections.GetRawText());
        Assert.Equal(("openai", "...0000"), (connections.GetProperty("data")[0].GetProperty("adapter").GetString(), connections.GetProperty("data")[0].GetProperty("displaySecretKey").GetString()));
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
        Assert.Equal([fixture.CommentB], (await b.GetOkAsync("/api/public/comments")).Ids());
        Assert.Equal(ReadApiDataset.ProjectBCommentContent, (await b.GetOkAsync($"/api/public/comments/{fixture.CommentB}")).GetProperty("content").GetString());
        Assert.Contains(fixture.QueueB, (await b.GetOkAsync("/api/public/annotation-queues")).Ids());
        Assert.Equal("project-b-queue", (await b.GetOkAsync($"/api/public/annotation-queues/{fixture.QueueB}")).GetProperty("name").GetString());
        Assert.Equal([fixture.QueueItemB], (await b.GetOkAsync($"/api/public/annotation-queues/{fixture.QueueB}/items")).Ids());
        Assert.Equal("t1", (await b.GetOkAsync($"/api/public/annotation-queues/{fixture.QueueB}/items/{fixture.QueueItemB}")).GetProperty("objectId").GetString());
        Assert.Equal(["t1-quality"], (await b.GetOkAsync("/api/public/v2/scores")).Ids());
        Assert.Equal(["t1-quality"], (await b.GetOkAsync("/api/public/scores")).Ids());
        Assert.Equal(["t1-quality"], (await b.GetOkAsync("/api/public/v3/scores?fields=subject")).Ids());
        Assert.Equal(0.1, (await b.GetOkAsync("/api/public/v2/scores/t1-quality")).GetProperty("value").GetDouble());
        Assert.DoesNotContain(fixture.ConfigOfA, (await b.GetOkAsync("/api/public/score-configs")).Ids());
    }

    [Fact]
    public async Task IsolationTable_CoversEveryReadRouteInTheOpenApiDocument()
    {
        using var anonymous = fixture.Server.CreateClient();
        string[] families =
        [
            "/api/public/traces", "/api/public/observations", "/api/public/sessions", "/api/public/metrics", "/api/public/v2/observations", "/api/public/v2/metrics",
            "/api/public/scores", "/api/public/v2/scores", "/api/public/v3/scores", "/api/public/score-configs", "/api/public/v2/datasets", "/api/public/datasets",
            "/api/public/dataset-items", "/api/public/dataset-run-items", "/api/public/llm-connections",
        ];

        var document = await anonymous.GetOkAsync("/api/public/openapi.json");

        var readRoutes = document.GetProperty("paths").EnumerateObject()
            .Where(p => families.Any(f => p.Name.StartsWith(f, StringComparison.Ordinal)) && p.Value.TryGetProperty("get", out _))
            .Select(p => p.Name).ToList();
        Assert.NotEmpty(readRoutes);
        Assert.Empty(readRoutes.Except(Calls.Select(c => c.Route)));

        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => WriteFamilies.Any(f => p.Name.StartsWith(f, StringComparison.Ordinal)))
            .SelectMany(p => p.Value.EnumerateObject()
                .Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete")
                .Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}"))
            .ToList();
        var covered = Calls.Select(c => $"GET {c.Route}").Concat(Writes.Select(w => $"{w.Method} {w.Route}"));
        Assert.Equal(WriteFamilies.Length, WriteFamilies.Count(f => operations.Any(o => o.Contains(f, StringComparison.Ordinal))));
        Assert.Empty(operations.Except(covered));
    }

    private string Fill(string template) => template
        .Replace("{projectA}", fixture.A.ProjectId, StringComparison.Ordinal)
        .Replace("{projectB}", fixture.B.ProjectId, StringComparison.Ordinal)
        .Replace("{commentA}", fixture.CommentA, StringComparison.Ordinal)
        .Replace("{queueA}", fixture.QueueA, StringComparison.Ordinal)
        .Replace("{itemA}", fixture.QueueItemA, StringComparison.Ordinal)
        .Replace("{queueB}", fixture.QueueB, StringComparison.Ordinal)
        .Replace("{member}", fixture.MemberUserId, StringComparison.Ordinal)
        .Replace("{configA}", fixture.ConfigOfA, StringComparison.Ordinal)
        .Replace("{configB}", fixture.ConfigOfB, StringComparison.Ordinal)
        .Replace("{datasetA}", fixture.DatasetOfA, StringComparison.Ordinal)
        .Replace("{connectionA}", fixture.ConnectionOfA, StringComparison.Ordinal);

    /// <summary>The dataset's markers and the ids of the rows project A made when the server started.</summary>
    private IEnumerable<string> ProjectAMarkers() =>
        ReadApiDataset.ProjectAMarkers.Concat([$"\"{fixture.CommentA}\"", $"\"{fixture.QueueA}\"", $"\"{fixture.QueueItemA}\"", $"\"{fixture.ConfigOfA}\"", $"\"{fixture.DatasetOfA}\"", $"\"{fixture.RunOfA}\"", $"\"{fixture.ConnectionOfA}\"", "...0000"]);
}
