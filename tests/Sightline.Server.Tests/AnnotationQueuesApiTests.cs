using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

/// <summary>
/// <c>/api/public/annotation-queues</c>, its items and assignments. Lists whose every row must be known run in a
/// fresh project; assignments use the read API server's user, a member of project A's organization only.
/// </summary>
[Collection(ReadApiGroup.Name)]
public sealed class AnnotationQueuesApiTests(ReadApiServer fixture)
{
    [Fact]
    public async Task Queues_CreateGetAndList_NewestFirstWithPaging()
    {
        using var client = await FreshProjectAsync();

        var (configA, configB) = (await ConfigIdAsync(client, "helpfulness"), await ConfigIdAsync(client, "tone"));
        var first = await CreateQueueAsync(client, "first", description: null, configA);
        var second = await CreateQueueAsync(client, "second", "Check the answers of the support bot", configA, configB);
        var third = await CreateQueueAsync(client, "third", description: null, configB);

        var stored = await client.GetOkAsync($"/api/public/annotation-queues/{second.GetProperty("id").GetString()}");
        Assert.Equal(second.GetRawText(), stored.GetRawText());
        Assert.Equal(["id", "name", "description", "scoreConfigIds", "createdAt", "updatedAt"], stored.EnumerateObject().Select(p => p.Name));
        Assert.Equal("second", stored.GetProperty("name").GetString());
        Assert.Equal("Check the answers of the support bot", stored.GetProperty("description").GetString());
        Assert.Equal([configA, configB], stored.GetProperty("scoreConfigIds").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(stored.GetProperty("createdAt").GetString(), stored.GetProperty("updatedAt").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("description").ValueKind);

        var page1 = await client.GetOkAsync("/api/public/annotation-queues?limit=2");
        var page2 = await client.GetOkAsync("/api/public/annotation-queues?limit=2&page=2");
        Assert.Equal([Id(third), Id(second)], page1.Ids());
        Assert.Equal((1, 2, 3L, 2L), page1.Meta());
        Assert.Equal([Id(first)], page2.Ids());
        Assert.Equal((2, 2, 3L, 2L), page2.Meta());
        Assert.Equal(first.GetRawText(), page2.GetProperty("data")[0].GetRawText());
        Assert.Empty((await client.GetOkAsync("/api/public/annotation-queues?limit=2&page=3")).Ids());
    }

    [Fact]
    public async Task Queues_DuplicateNameInTheProject_Returns400()
    {
        using var client = await FreshProjectAsync();
        var config = await ConfigIdAsync(client, "helpfulness");
        await CreateQueueAsync(client, "reviews", null, config);

        using var response = await client.PostAsJsonAsync("/api/public/annotation-queues", new { name = "reviews", scoreConfigIds = new[] { config } });

        var body = await Tenant.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("A queue with this name already exists.", body.GetProperty("message").GetString());
        Assert.Equal(1, (await client.GetOkAsync("/api/public/annotation-queues")).Meta().TotalItems);
    }

    [Fact]
    public async Task Queues_ScoreConfigsMustBelongToTheProject_ArchivedOnesCount()
    {
        using var client = await FreshProjectAsync();
        using var otherProject = await FreshProjectAsync();
        var own = await ConfigIdAsync(client, "helpfulness");
        var archived = await ConfigIdAsync(client, "legacy");
        await PatchAsync(client, $"/api/public/score-configs/{archived}", """{"isArchived":true}""");
        var foreign = await ConfigIdAsync(otherProject, "helpfulness");

        foreach (var ids in new[] { new[] { own, "no-such-config" }, [foreign], [own, foreign] })
        {
            using var refused = await client.PostAsJsonAsync("/api/public/annotation-queues", new { name = "checked", scoreConfigIds = ids });
            var error = await Tenant.ReadAsync(refused, HttpStatusCode.BadRequest);
            Assert.Equal("At least one of the score config IDs cannot be found for the given project.", error.GetProperty("message").GetString());
        }

        Assert.Equal(0, (await client.GetOkAsync("/api/public/annotation-queues")).Meta().TotalItems);
        var queue = await CreateQueueAsync(client, "checked", null, own, archived, own);
        Assert.Equal([own, archived, own], queue.GetProperty("scoreConfigIds").EnumerateArray().Select(i => i.GetString()));
    }

    public static TheoryData<string, string> InvalidQueues => new()
    {
        { """{"scoreConfigIds":["c"]}""", "name" },
        { """{"name":"","scoreConfigIds":["c"]}""", "name" },
        { """{"name":"{1001}","scoreConfigIds":["c"]}""", "name" },
        { """{"name":"q","description":5,"scoreConfigIds":["c"]}""", "description" },
        { """{"name":"q"}""", "scoreConfigIds" },
        { """{"name":"q","scoreConfigIds":[]}""", "scoreConfigIds" },
        { """{"name":"q","scoreConfigIds":"c"}""", "scoreConfigIds" },
        { """{"name":"q","scoreConfigIds":["c",7]}""", "scoreConfigIds[1]" },
        { """{"name":"q","scoreConfigIds":["c"],"isPublic":true}""", "isPublic" },
        { """["q"]""", "body" },
        { "", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidQueues))]
    public async Task Queues_InvalidBody_Returns400NamingTheField(string json, string field)
    {
        using var client = fixture.ClientA();

        using var response = await client.PostAsync("/api/public/annotation-queues", Json(json.Replace("{1001}", new string('n', 1001), StringComparison.Ordinal)));

        await AssertBadRequestAsync(response, field);
    }

    [Fact]
    public async Task Items_CreateGetUpdateAndDelete_RoundTrip()
    {
        using var client = await FreshProjectAsync();
        var queue = Id(await CreateQueueAsync(client, "items", null, await ConfigIdAsync(client, "helpfulness")));

        var pending = await CreateItemAsync(client, queue, new { objectId = "trace-1", objectType = "TRACE" });
        var done = await CreateItemAsync(client, queue, new { objectId = "obs-1", objectType = "OBSERVATION", status = "COMPLETED" });

        Assert.Equal(["id", "queueId", "objectId", "objectType", "status", "completedAt", "createdAt", "updatedAt"], pending.EnumerateObject().Select(p => p.Name));
        Assert.Equal((queue, "trace-1", "TRACE", "PENDING", JsonValueKind.Null),
            (pending.GetProperty("queueId").GetString(), pending.GetProperty("objectId").GetString(), pending.GetProperty("objectType").GetString(),
             pending.GetProperty("status").GetString(), pending.GetProperty("completedAt").ValueKind));
        Assert.Equal(("OBSERVATION", "COMPLETED"), (done.GetProperty("objectType").GetString(), done.GetProperty("status").GetString()));
        Assert.Equal(done.GetProperty("createdAt").GetString(), done.GetProperty("completedAt").GetString());
        var itemPath = $"/api/public/annotation-queues/{queue}/items/{Id(pending)}";
        Assert.Equal(pending.GetRawText(), (await client.GetOkAsync(itemPath)).GetRawText());

        var completed = await PatchAsync(client, itemPath, """{"status":"COMPLETED"}""");
        Assert.Equal("COMPLETED", completed.GetProperty("status").GetString());
        var completedAt = completed.GetProperty("completedAt").GetString();
        Assert.NotNull(completedAt);
        Assert.Equal(completedAt, completed.GetProperty("updatedAt").GetString());
        Assert.True(string.CompareOrdinal(completedAt, pending.GetProperty("createdAt").GetString()) >= 0);
        Assert.Equal(completed.GetRawText(), (await client.GetOkAsync(itemPath)).GetRawText());

        // Back to PENDING keeps the completion time, as Langfuse does; an empty body changes only updatedAt.
        var reopened = await PatchAsync(client, itemPath, """{"status":"PENDING"}""");
        Assert.Equal(("PENDING", completedAt), (reopened.GetProperty("status").GetString(), reopened.GetProperty("completedAt").GetString()));
        var untouched = await PatchAsync(client, itemPath, "{}");
        Assert.Equal(("PENDING", completedAt), (untouched.GetProperty("status").GetString(), untouched.GetProperty("completedAt").GetString()));

        var deleted = await Tenant.ReadAsync(await client.DeleteAsync(itemPath), HttpStatusCode.OK);
        Assert.Equal("""{"success":true,"message":"Annotation queue item deleted successfully"}""", deleted.GetRawText());
        var gone = await Tenant.ReadAsync(await client.GetAsync(itemPath), HttpStatusCode.NotFound);
        Assert.Equal("Annotation queue item not found", gone.GetProperty("message").GetString());
        await Tenant.ReadAsync(await client.DeleteAsync(itemPath), HttpStatusCode.NotFound);
        Assert.Equal([Id(done)], (await client.GetOkAsync($"/api/public/annotation-queues/{queue}/items")).Ids());
    }

    [Fact]
    public async Task Items_List_FiltersByStatusAndPagesNewestFirst()
    {
        using var client = await FreshProjectAsync();
        var queue = Id(await CreateQueueAsync(client, "list", null, await ConfigIdAsync(client, "helpfulness")));
        var other = Id(await CreateQueueAsync(client, "other", null, await ConfigIdAsync(client, "helpfulness")));
        await CreateItemAsync(client, other, new { objectId = "elsewhere", objectType = "TRACE" });
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(Id(await CreateItemAsync(client, queue, new { objectId = $"s-{i}", objectType = "SESSION", status = i is 1 or 3 ? "COMPLETED" : "PENDING" })));
        }

        var all = await client.GetOkAsync($"/api/public/annotation-queues/{queue}/items");
        var completed = await client.GetOkAsync($"/api/public/annotation-queues/{queue}/items?status=COMPLETED");
        var pending1 = await client.GetOkAsync($"/api/public/annotation-queues/{queue}/items?status=PENDING&limit=2");
        var pending2 = await client.GetOkAsync($"/api/public/annotation-queues/{queue}/items?status=PENDING&limit=2&page=2");

        Assert.Equal(Enumerable.Reverse(ids), all.Ids());
        Assert.Equal((1, 50, 5L, 1L), all.Meta());
        Assert.Equal([ids[3], ids[1]], completed.Ids());
        Assert.All(completed.GetProperty("data").EnumerateArray(), i => Assert.Equal("COMPLETED", i.GetProperty("status").GetString()));
        Assert.Equal([ids[4], ids[2]], pending1.Ids());
        Assert.Equal((1, 2, 3L, 2L), pending1.Meta());
        Assert.Equal([ids[0]], pending2.Ids());
        Assert.Equal((2, 2, 3L, 2L), pending2.Meta());
    }

    public static TheoryData<string, string> InvalidItems => new()
    {
        { """{"objectType":"TRACE"}""", "objectId" },
        { """{"objectId":"","objectType":"TRACE"}""", "objectId" },
        { """{"objectId":"t1"}""", "objectType" },
        { """{"objectId":"t1","objectType":"PROMPT"}""", "objectType" },
        { """{"objectId":"t1","objectType":"trace"}""", "objectType" },
        { """{"objectId":"t1","objectType":"TRACE","status":"DONE"}""", "status" },
        { """{"objectId":"t1","objectType":"TRACE","priority":1}""", "priority" },
    };

    [Theory]
    [MemberData(nameof(InvalidItems))]
    public async Task Items_InvalidBody_Returns400NamingTheField(string json, string field)
    {
        using var client = fixture.ClientA();

        using var response = await client.PostAsync($"/api/public/annotation-queues/{fixture.QueueA}/items", Json(json));

        await AssertBadRequestAsync(response, field);
    }

    [Theory]
    [InlineData("""{"status":"DONE"}""", "status")]
    [InlineData("""{"status":"COMPLETED","objectId":"t3"}""", "objectId")]
    [InlineData("not json", "body")]
    public async Task Items_InvalidUpdate_Returns400AndChangesNothing(string json, string field)
    {
        using var client = fixture.ClientA();
        var path = $"/api/public/annotation-queues/{fixture.QueueA}/items/{fixture.QueueItemA}";
        var before = (await client.GetOkAsync(path)).GetRawText();

        using var response = await client.PatchAsync(path, Json(json));

        await AssertBadRequestAsync(response, field);
        Assert.Equal(before, (await client.GetOkAsync(path)).GetRawText());
    }

    [Theory]
    [InlineData("GET", "/api/public/annotation-queues/{unknown}", "Annotation queue not found")]
    [InlineData("GET", "/api/public/annotation-queues/{unknown}/items", "Annotation queue not found")]
    [InlineData("POST", "/api/public/annotation-queues/{unknown}/items", "Annotation queue not found")]
    [InlineData("GET", "/api/public/annotation-queues/{unknown}/items/{item}", "Annotation queue not found")]
    [InlineData("PATCH", "/api/public/annotation-queues/{unknown}/items/{item}", "Annotation queue not found")]
    [InlineData("DELETE", "/api/public/annotation-queues/{unknown}/items/{item}", "Annotation queue not found")]
    [InlineData("POST", "/api/public/annotation-queues/{unknown}/assignments", "Annotation queue not found")]
    [InlineData("DELETE", "/api/public/annotation-queues/{unknown}/assignments", "Annotation queue not found")]
    [InlineData("GET", "/api/public/annotation-queues/{other}/items/{item}", "Annotation queue item not found")]
    [InlineData("PATCH", "/api/public/annotation-queues/{other}/items/{item}", "Annotation queue item not found")]
    [InlineData("DELETE", "/api/public/annotation-queues/{other}/items/{item}", "Annotation queue item not found")]
    public async Task UnknownQueueOrItemOfAnotherQueue_Returns404(string method, string template, string message)
    {
        using var client = fixture.ClientA();
        var other = Id(await CreateQueueAsync(client, "empty-" + Guid.NewGuid().ToString("N")[..8], null, await ConfigIdAsync(client, "helpfulness")));
        var path = template.Replace("{unknown}", "no-such-queue", StringComparison.Ordinal)
            .Replace("{other}", other, StringComparison.Ordinal)
            .Replace("{item}", fixture.QueueItemA, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = (method, path.EndsWith("/assignments", StringComparison.Ordinal)) switch
            {
                (_, true) => Json($$"""{"userId":"{{fixture.MemberUserId}}"}"""),
                ("POST", _) => Json("""{"objectId":"t1","objectType":"TRACE"}"""),
                ("PATCH", _) => Json("""{"status":"COMPLETED"}"""),
                _ => null,
            },
        };

        var body = await Tenant.ReadAsync(await client.SendAsync(request), HttpStatusCode.NotFound);

        Assert.Equal(message, body.GetProperty("message").GetString());
        Assert.Equal("LangfuseNotFoundError", body.GetProperty("error").GetString());
        var item = await client.GetOkAsync($"/api/public/annotation-queues/{fixture.QueueA}/items/{fixture.QueueItemA}");
        Assert.Equal("PENDING", item.GetProperty("status").GetString());
        Assert.Empty((await client.GetOkAsync($"/api/public/annotation-queues/{other}/items")).Ids());
    }

    [Fact]
    public async Task Assignments_AMemberIsAssignedOnce_AndUnassignedIdempotently()
    {
        using var client = fixture.ClientA();
        var queue = Id(await CreateQueueAsync(client, "assigned-" + Guid.NewGuid().ToString("N")[..8], null, await ConfigIdAsync(client, "helpfulness")));
        var path = $"/api/public/annotation-queues/{queue}/assignments";
        var body = new { userId = fixture.MemberUserId };

        var first = await Tenant.ReadAsync(await client.PostAsJsonAsync(path, body), HttpStatusCode.OK);
        var again = await Tenant.ReadAsync(await client.PostAsJsonAsync(path, body), HttpStatusCode.OK);

        Assert.Equal($$"""{"userId":"{{fixture.MemberUserId}}","projectId":"{{fixture.A.ProjectId}}","queueId":"{{queue}}"}""", first.GetRawText());
        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal(1, await AssignmentsAsync(queue));

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var delete = new HttpRequestMessage(HttpMethod.Delete, path) { Content = JsonContent.Create(body) };
            var removed = await Tenant.ReadAsync(await client.SendAsync(delete), HttpStatusCode.OK);
            Assert.Equal("""{"success":true}""", removed.GetRawText());
            Assert.Equal(0, await AssignmentsAsync(queue));
        }
    }

    [Fact]
    public async Task Assignments_UserOutsideTheProjectsOrganization_Returns404()
    {
        using var a = fixture.ClientA();
        using var b = fixture.ClientB();

        foreach (var (client, queue, user) in new[] { (a, fixture.QueueA, "no-such-user"), (b, fixture.QueueB, fixture.MemberUserId) })
        {
            var body = await Tenant.ReadAsync(await client.PostAsJsonAsync($"/api/public/annotation-queues/{queue}/assignments", new { userId = user }), HttpStatusCode.NotFound);

            Assert.Equal("User not found or not authorized for this project", body.GetProperty("message").GetString());
        }

        Assert.Equal(0, await AssignmentsAsync(fixture.QueueB));
    }

    [Theory]
    [InlineData("POST", "{}", "userId")]
    [InlineData("DELETE", """{"userId":""}""", "userId")]
    [InlineData("POST", """{"userId":"u","role":"ADMIN"}""", "role")]
    public async Task Assignments_InvalidBody_Returns400NamingTheField(string method, string json, string field)
    {
        using var client = fixture.ClientA();
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/public/annotation-queues/{fixture.QueueA}/assignments") { Content = Json(json) };

        await AssertBadRequestAsync(await client.SendAsync(request), field);
    }

    private async Task<HttpClient> FreshProjectAsync()
    {
        var tenant = await Tenant.CreateAsync(fixture.Server, SharedServer.AdminKey);
        return fixture.Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
    }

    private Task<long> AssignmentsAsync(string queue) =>
        fixture.CountAsync("annotation_queue_assignments", ("QueueId", queue));

    private static async Task<JsonElement> CreateQueueAsync(HttpClient client, string name, string? description, params string[] scoreConfigIds) =>
        await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/annotation-queues", new { name, description, scoreConfigIds }), HttpStatusCode.OK);

    private static async Task<string> ConfigIdAsync(HttpClient client, string name) =>
        Id(await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/score-configs", new { name, dataType = "NUMERIC", minValue = 0, maxValue = 1 }), HttpStatusCode.OK));

    private static async Task<JsonElement> CreateItemAsync(HttpClient client, string queue, object item) =>
        await Tenant.ReadAsync(await client.PostAsJsonAsync($"/api/public/annotation-queues/{queue}/items", item), HttpStatusCode.OK);

    private static async Task<JsonElement> PatchAsync(HttpClient client, string path, string json) =>
        await Tenant.ReadAsync(await client.PatchAsync(path, Json(json)), HttpStatusCode.OK);

    private static async Task AssertBadRequestAsync(HttpResponseMessage response, string field)
    {
        var body = await Tenant.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith(field + ":", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("InvalidRequestError", body.GetProperty("error").GetString());
        response.Dispose();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Id(JsonElement body) => body.GetProperty("id").GetString()!;
}
