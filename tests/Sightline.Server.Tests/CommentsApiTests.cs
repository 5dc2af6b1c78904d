using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

/// <summary>
/// <c>/api/public/comments</c> on the read API's dataset: project A's traces, observations and sessions are the
/// objects commented on; lists whose every row must be known run in a fresh project, on prompts (which exist as soon
/// as they are created).
/// </summary>
[Collection(ReadApiGroup.Name)]
public sealed class CommentsApiTests(ReadApiServer fixture)
{
    [Fact]
    public async Task Create_OnEachObjectType_ReadsBackByIdAndInTheFilteredList()
    {
        using var client = fixture.ClientA();
        var promptId = await CreatePromptAsync(client);
        var longest = new string('x', 5000);
        (string Type, string Id, string Content, string? Author)[] comments =
        [
            ("TRACE", "t3", "  the search missed the second source \n", fixture.MemberUserId),
            ("OBSERVATION", "t3-gen", "too slow", null),
            ("SESSION", "s-2", longest, fixture.MemberUserId),
            ("PROMPT", promptId, "needs a **friendlier** tone", null),
        ];

        foreach (var (type, id, content, author) in comments)
        {
            var commentId = await CreateAsync(client, fixture.A, type, id, content, author);

            var stored = await client.GetOkAsync($"/api/public/comments/{commentId}");
            Assert.Equal(commentId, stored.GetProperty("id").GetString());
            Assert.Equal(fixture.A.ProjectId, stored.GetProperty("projectId").GetString());
            Assert.Equal(type, stored.GetProperty("objectType").GetString());
            Assert.Equal(id, stored.GetProperty("objectId").GetString());
            Assert.Equal(content.Trim(), stored.GetProperty("content").GetString());
            Assert.Equal(author, stored.GetProperty("authorUserId").GetString());
            var createdAt = stored.GetProperty("createdAt").GetString()!;
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", createdAt);
            Assert.Equal(createdAt, stored.GetProperty("updatedAt").GetString());
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            Assert.InRange(DateTime.Parse(createdAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), now.AddMinutes(-5), now.AddMinutes(1));

            var listed = await client.GetOkAsync($"/api/public/comments?objectType={type}&objectId={Uri.EscapeDataString(id)}");
            Assert.Equal([commentId], listed.Ids());
            Assert.Equal((1, 50, 1L, 1L), listed.Meta());
            Assert.Equal(stored.GetRawText(), listed.GetProperty("data")[0].GetRawText());
        }
    }

    [Fact]
    public async Task List_FiltersByTypeObjectAndAuthor_AndPagesOldestFirst()
    {
        var tenant = await Tenant.CreateAsync(fixture.Server, SharedServer.AdminKey);
        await fixture.AddMemberAsync(tenant, fixture.MemberUserId);
        using var client = fixture.Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var first = await CreatePromptAsync(client);
        var second = await CreatePromptAsync(client);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await CreateAsync(client, tenant, "PROMPT", i < 3 ? first : second, $"remark {i}", i % 2 == 0 ? fixture.MemberUserId : null));
        }

        var page1 = await client.GetOkAsync("/api/public/comments?limit=2");
        var page3 = await client.GetOkAsync("/api/public/comments?limit=2&page=3");
        var page4 = await client.GetOkAsync("/api/public/comments?limit=2&page=4");

        Assert.Equal(ids.Take(2), page1.Ids());
        Assert.Equal((1, 2, 5L, 3L), page1.Meta());
        Assert.Equal(["remark 0", "remark 1"], page1.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("content").GetString()));
        Assert.Equal([ids[4]], page3.Ids());
        Assert.Equal((3, 2, 5L, 3L), page3.Meta());
        Assert.Empty(page4.Ids());
        Assert.Equal((4, 2, 5L, 3L), page4.Meta());
        Assert.Equal(ids, (await client.GetOkAsync("/api/public/comments")).Ids());
        Assert.Equal([ids[0], ids[2], ids[4]], (await client.GetOkAsync($"/api/public/comments?authorUserId={fixture.MemberUserId}")).Ids());
        Assert.Equal(ids.Take(3), (await client.GetOkAsync($"/api/public/comments?objectType=PROMPT&objectId={first}")).Ids());
        var secondByAuthor = await client.GetOkAsync($"/api/public/comments?objectType=PROMPT&objectId={second}&authorUserId={fixture.MemberUserId}&limit=1");
        Assert.Equal([ids[4]], secondByAuthor.Ids());
        Assert.Equal((1, 1, 1L, 1L), secondByAuthor.Meta());
        Assert.Equal(5, (await client.GetOkAsync("/api/public/comments?objectType=PROMPT&page=&limit=")).Meta().TotalItems);
        Assert.Equal((1, 50, 0L, 0L), (await client.GetOkAsync("/api/public/comments?objectType=TRACE")).Meta());
    }

    [Theory]
    [InlineData("TRACE", "t3")]
    [InlineData("OBSERVATION", "t3-gen")]
    [InlineData("SESSION", "s-2")]
    [InlineData("TRACE", "no-such-trace")]
    public async Task Create_ObjectNotInTheCallersProject_Returns404AndStoresNothing(string type, string objectId)
    {
        using var b = fixture.ClientB();

        using var response = await b.PostAsJsonAsync("/api/public/comments", new { projectId = fixture.B.ProjectId, objectType = type, objectId, content = "hello" });

        var body = await Tenant.ReadAsync(response, HttpStatusCode.NotFound);
        Assert.Equal($"Reference object, {type}: {objectId} not found. Skipping comment creation.", body.GetProperty("message").GetString());
        Assert.Equal("LangfuseNotFoundError", body.GetProperty("error").GetString());
        Assert.Empty((await b.GetOkAsync($"/api/public/comments?objectType={type}&objectId={objectId}")).Ids());
    }

    [Fact]
    public async Task Create_PromptOfAnotherProject_Returns404()
    {
        using var a = fixture.ClientA();
        using var b = fixture.ClientB();
        var promptId = await CreatePromptAsync(a);

        using var response = await b.PostAsJsonAsync("/api/public/comments", new { projectId = fixture.B.ProjectId, objectType = "PROMPT", objectId = promptId, content = "hello" });

        var body = await Tenant.ReadAsync(response, HttpStatusCode.NotFound);
        Assert.Equal($"Reference object, PROMPT: {promptId} not found. Skipping comment creation.", body.GetProperty("message").GetString());
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"objectType":"TRACE","objectId":"t1","content":"x"}""", "projectId" },
        { """{"projectId":"{project}","objectType":"trace","objectId":"t1","content":"x"}""", "objectType" },
        { """{"projectId":"{project}","objectType":"DATASET","objectId":"t1","content":"x"}""", "objectType" },
        { """{"projectId":"{project}","objectType":"TRACE","content":"x"}""", "objectId" },
        { """{"projectId":"{project}","objectType":"TRACE","objectId":"","content":"x"}""", "objectId" },
        { """{"projectId":"{project}","objectType":"TRACE","objectId":"t1"}""", "content" },
        { """{"projectId":"{project}","objectType":"TRACE","objectId":"t1","content":" \n\t "}""", "content" },
        { """{"projectId":"{project}","objectType":"TRACE","objectId":"t1","content":"{5001}"}""", "content" },
        { """{"projectId":"{project}","objectType":"TRACE","objectId":"t1","content":42}""", "content" },
        { """{"projectId":"{project}","objectType":"TRACE","objectId":"t1","content":"x","authorUserId":7}""", "authorUserId" },
        { """{"projectId":"{project}","objectType":"TRACE","objectId":"t1","content":"x","dataField":"input"}""", "dataField" },
        { """[{"projectId":"{project}"}]""", "body" },
        { """{"projectId":""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Create_InvalidBody_Returns400NamingTheField(string template, string field)
    {
        using var client = fixture.ClientA();
        var json = template.Replace("{project}", fixture.A.ProjectId, StringComparison.Ordinal).Replace("{5001}", new string('y', 5001), StringComparison.Ordinal);

        using var response = await client.PostAsync("/api/public/comments", new StringContent(json, Encoding.UTF8, "application/json"));

        var body = await Tenant.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith(field + ":", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("InvalidRequestError", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Create_ProjectIdOfAnotherProject_IsFiledUnderTheKeysProject_AsInLangfuse()
    {
        var tenant = await Tenant.CreateAsync(fixture.Server, SharedServer.AdminKey);
        using var client = fixture.Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        using var a = fixture.ClientA();
        var prompt = await CreatePromptAsync(client);

        using var response = await client.PostAsJsonAsync("/api/public/comments", new { projectId = fixture.A.ProjectId, objectType = "PROMPT", objectId = prompt, content = "sent with a stale project id" });

        var id = (await Tenant.ReadAsync(response, HttpStatusCode.OK)).GetProperty("id").GetString()!;
        Assert.Equal(tenant.ProjectId, (await client.GetOkAsync($"/api/public/comments/{id}")).GetProperty("projectId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync($"/api/public/comments/{id}")).StatusCode);
        Assert.DoesNotContain(id, (await a.GetOkAsync("/api/public/comments?limit=100")).Ids());
    }

    [Fact]
    public async Task Create_AuthorOutsideTheProjectsOrganization_Returns400()
    {
        using var b = fixture.ClientB();

        foreach (var author in new[] { fixture.MemberUserId, "no-such-user" })
        {
            using var response = await b.PostAsJsonAsync("/api/public/comments", new { projectId = fixture.B.ProjectId, objectType = "TRACE", objectId = "t1", content = "x", authorUserId = author });

            var body = await Tenant.ReadAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal("authorUserId must belong to a member of the organization that owns the authenticated project.", body.GetProperty("message").GetString());
        }
    }

    [Theory]
    [InlineData("objectId=t1", "objectType")]
    [InlineData("objectType=trace", "objectType")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("page=0", "page")]
    [InlineData("page=x", "page")]
    public async Task List_InvalidQuery_Returns400NamingTheParameter(string query, string parameter)
    {
        using var client = fixture.ClientA();

        await client.GetBadRequestAsync($"/api/public/comments?{query}", parameter);
    }

    [Fact]
    public async Task Get_UnknownId_Returns404()
    {
        using var client = fixture.ClientA();

        var body = await Tenant.ReadAsync(await client.GetAsync("/api/public/comments/no-such-comment"), HttpStatusCode.NotFound);

        Assert.Equal("Comment not found within authorized project", body.GetProperty("message").GetString());
        Assert.Equal("LangfuseNotFoundError", body.GetProperty("error").GetString());
    }

    private static async Task<string> CreateAsync(HttpClient client, Tenant tenant, string type, string objectId, string content, string? author)
    {
        var created = await Tenant.ReadAsync(
            await client.PostAsJsonAsync("/api/public/comments", new { projectId = tenant.ProjectId, objectType = type, objectId, content, authorUserId = author }),
            HttpStatusCode.OK);
        Assert.Equal(["id"], created.EnumerateObject().Select(p => p.Name));
        return created.GetProperty("id").GetString()!;
    }

    private static async Task<string> CreatePromptAsync(HttpClient client)
    {
        var name = "commented-" + Guid.NewGuid().ToString("N")[..8];
        var prompt = await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/v2/prompts", new { name, prompt = "Hello {{name}}" }), HttpStatusCode.Created);
        return prompt.GetProperty("id").GetString()!;
    }
}
