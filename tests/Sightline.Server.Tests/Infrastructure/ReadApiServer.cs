using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Sightline.Server.Tests.Infrastructure;

/// <summary>
/// One server for all read API test classes, with <see cref="ReadApiDataset"/> ingested into two fresh projects
/// and polled until every row is queryable. Tests that change data (deletes) use tenants of their own. The server
/// also has one user (from <c>LANGFUSE_INIT_USER_*</c>), a member of project A's organization but not of B's, and
/// each project has a comment and an annotation queue (with one item) of its own; the user is assigned to A's queue.
/// A third project holds <see cref="ScoreListDataset"/> with its two score configs; project A has a config of its own.
/// </summary>
public sealed class ReadApiServer : IAsyncLifetime
{
    private const string UserOrganization = "read-api-users";

    public SightlineProcess Server { get; private set; } = null!;

    /// <summary>The scale profile's stores in the scale run; null in the embedded run.</summary>
    public ScaleStores? Stores { get; private set; }

    public Tenant A { get; private set; } = null!;
    public Tenant B { get; private set; } = null!;

    /// <summary>A user of the instance who belongs to project A's organization (and to no other tenant's).</summary>
    public string MemberUserId { get; private set; } = null!;

    /// <summary>Project A's comment on its trace t2, and project B's on its trace t1.</summary>
    public string CommentA { get; private set; } = null!;
    public string CommentB { get; private set; } = null!;

    /// <summary>Each project's annotation queue and its one item (a PENDING item for the project's trace t2 or t1).</summary>
    public string QueueA { get; private set; } = null!;
    public string QueueItemA { get; private set; } = null!;
    public string QueueB { get; private set; } = null!;
    public string QueueItemB { get; private set; } = null!;

    /// <summary>The project holding <see cref="ScoreListDataset"/>.</summary>
    public Tenant Scores { get; private set; } = null!;

    public string QualityConfigId { get; private set; } = null!;
    public string ToneConfigId { get; private set; } = null!;

    /// <summary>A score config of project A, which project B must not see.</summary>
    public string ConfigOfA { get; private set; } = null!;
    public string ConfigOfB { get; private set; } = null!;

    /// <summary>
    /// Project A's dataset <see cref="ReadApiDataset.ProjectADatasetName"/> (item <c>a-item</c>, run <c>a-run</c> linking it to
    /// trace t2) and its run's id. A also has a dataset <c>a-shared</c> with item <c>a-shared-item</c>, whose name and id
    /// project B writes under in the isolation tests.
    /// </summary>
    public string DatasetOfA { get; private set; } = null!;
    public string RunOfA { get; private set; } = null!;

    /// <summary>Project A's LLM connection (provider <c>a-connection</c>), which project B must neither see nor change.</summary>
    public string ConnectionOfA { get; private set; } = null!;

    public HttpClient ClientA() => Server.CreateClient(A.PublicKey, A.SecretKey);

    public HttpClient ClientB() => Server.CreateClient(B.PublicKey, B.SecretKey);

    public HttpClient ScoresClient() => Server.CreateClient(Scores.PublicKey, Scores.SecretKey);

    public async Task InitializeAsync()
    {
        (Server, Stores) = await SharedServer.StartAsync(new Dictionary<string, string>
        {
            ["ADMIN_API_KEY"] = SharedServer.AdminKey,
            ["LANGFUSE_INIT_ORG_ID"] = UserOrganization,
            ["LANGFUSE_INIT_USER_EMAIL"] = "annotator@sightline.test",
            ["LANGFUSE_INIT_USER_NAME"] = "Annotator",
            ["LANGFUSE_INIT_USER_PASSWORD"] = "a long enough password",
        });
        A = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        B = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        MemberUserId = await InitUserIdAsync();
        await AddMemberAsync(A, MemberUserId);
        Scores = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var a = ClientA();
        using var b = ClientB();
        using var scores = ScoresClient();
        ConfigOfA = await CreateConfigAsync(a, new { name = "a-only-config", dataType = "TEXT" });
        QualityConfigId = await CreateConfigAsync(scores, new { name = "quality", dataType = "NUMERIC", minValue = 0, maxValue = 1 });
        ToneConfigId = await CreateConfigAsync(scores, new { name = "tone", dataType = "CATEGORICAL", categories = new[] { new { label = "good", value = 1 }, new { label = "bad", value = 0 } } });
        await IngestAsync(a, ReadApiDataset.ProjectA);
        await IngestAsync(b, ReadApiDataset.ProjectB);
        await IngestAsync(scores, ScoreListDataset.Batch(QualityConfigId, ToneConfigId));
        await Poll.UntilAsync(a, "/api/public/observations?limit=100", body => body.GetProperty("meta").GetProperty("totalItems").GetInt32() == ReadApiDataset.ObservationCount);
        await Poll.UntilAsync(a, "/api/public/traces?fields=core,scores", body =>
            body.GetProperty("meta").GetProperty("totalItems").GetInt32() == ReadApiDataset.TraceCount
            && body.GetProperty("data").EnumerateArray().Sum(t => t.GetProperty("scores").GetArrayLength()) == 3);
        await Poll.UntilAsync(b, "/api/public/traces/t1", body => body.GetProperty("observations").GetArrayLength() == 1 && body.GetProperty("scores").GetArrayLength() == 1);
        CommentA = await CommentAsync(a, A, "t2", ReadApiDataset.ProjectACommentContent);
        CommentB = await CommentAsync(b, B, "t1", ReadApiDataset.ProjectBCommentContent);
        (QueueA, QueueItemA) = await QueueAsync(a, ReadApiDataset.ProjectAQueueName, "t2", ConfigOfA);
        (QueueB, QueueItemB) = await QueueAsync(b, "project-b-queue", "t1", ConfigOfB = await CreateConfigAsync(b, new { name = "b-only-config", dataType = "TEXT" }));
        await Tenant.ReadAsync(await a.PostAsJsonAsync($"/api/public/annotation-queues/{QueueA}/assignments", new { userId = MemberUserId }), HttpStatusCode.OK);
        await Poll.UntilAsync(scores, "/api/public/v2/scores", body => body.GetProperty("meta").GetProperty("totalItems").GetInt32() == ScoreListDataset.ScoreCount);
        (DatasetOfA, RunOfA) = await DatasetAsync(a);
        ConnectionOfA = (await Tenant.ReadAsync(await a.PutAsJsonAsync("/api/public/llm-connections",
            new { provider = "a-connection", adapter = "openai", secretKey = "sk-project-a-0000", baseURL = "http://127.0.0.1:9/v1" }), HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
    }

    private static async Task<(string Dataset, string Run)> DatasetAsync(HttpClient client)
    {
        var dataset = await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/v2/datasets",
            new { name = ReadApiDataset.ProjectADatasetName, description = ReadApiDataset.ProjectADatasetNote }), HttpStatusCode.OK);
        await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/dataset-items",
            new { datasetName = ReadApiDataset.ProjectADatasetName, id = "a-item", input = ReadApiDataset.ProjectAItemInput }), HttpStatusCode.OK);
        var runItem = await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/dataset-run-items",
            new { runName = "a-run", datasetItemId = "a-item", traceId = "t2" }), HttpStatusCode.OK);
        await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/v2/datasets",
            new { name = "a-shared", description = ReadApiDataset.ProjectADatasetNote }), HttpStatusCode.OK);
        await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/dataset-items",
            new { datasetName = "a-shared", id = "a-shared-item", input = ReadApiDataset.ProjectAItemInput }), HttpStatusCode.OK);
        return (dataset.GetProperty("id").GetString()!, runItem.GetProperty("datasetRunId").GetString()!);
    }

    private static async Task<string> CreateConfigAsync(HttpClient client, object body) =>
        (await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/score-configs", body), HttpStatusCode.OK)).GetProperty("id").GetString()!;

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Stores is not null)
        {
            await Stores.DisposeAsync();
        }
    }

    public static async Task IngestAsync(HttpClient client, string batch)
    {
        using var response = await client.PostAsync("/api/public/ingestion", new StringContent(batch, Encoding.UTF8, "application/json"));
        var body = await Tenant.ReadAsync(response, HttpStatusCode.MultiStatus);
        Assert.Equal(0, body.GetProperty("errors").GetArrayLength());
    }

    /// <summary>Makes the instance's user a MEMBER of the tenant's organization.</summary>
    public async Task AddMemberAsync(Tenant tenant, string userId)
    {
        using var org = Server.CreateClient(tenant.OrganizationPublicKey, tenant.OrganizationSecretKey);
        await Tenant.ReadAsync(await org.PutAsJsonAsync("/api/public/organizations/memberships", new { userId, role = "MEMBER" }), HttpStatusCode.OK);
    }

    /// <summary>
    /// How many rows of a metadata table (no API lists them) match every column = value condition, read straight from
    /// the server's metadata database: SQLite in the embedded run, PostgreSQL in the scale run.
    /// </summary>
    public async Task<long> CountAsync(string table, params (string Column, string Value)[] conditions)
    {
        if (Stores is not null)
        {
            var where = string.Join(" AND ", conditions.Select((c, i) => $"\"{c.Column}\" = @p{i}"));
            return await Stores.ScalarAsync($"SELECT count(*) FROM {table} WHERE {where}",
                [.. conditions.Select((c, i) => ($"p{i}", (object)c.Value))]);
        }

        await using var db = new SqliteConnection($"Data Source={Path.Combine(Server.DataDirectory, "sightline.db")};Mode=ReadOnly;Pooling=false");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table} WHERE " + string.Join(" AND ", conditions.Select((c, i) => $"{c.Column} = $p{i}"));
        for (var i = 0; i < conditions.Length; i++)
        {
            command.Parameters.AddWithValue($"$p{i}", conditions[i].Value);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> InitUserIdAsync()
    {
        using var admin = Server.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SharedServer.AdminKey);
        var key = await Tenant.ReadAsync(await admin.PostAsJsonAsync($"/api/admin/organizations/{UserOrganization}/apiKeys", new { note = "tests" }), HttpStatusCode.Created);
        using var org = Server.CreateClient(key.GetProperty("publicKey").GetString()!, key.GetProperty("secretKey").GetString()!);
        var members = await Tenant.ReadAsync(await org.GetAsync("/api/public/organizations/memberships"), HttpStatusCode.OK);
        return Assert.Single(members.GetProperty("memberships").EnumerateArray()).GetProperty("userId").GetString()!;
    }

    private static async Task<string> CommentAsync(HttpClient client, Tenant tenant, string traceId, string content)
    {
        var created = await Tenant.ReadAsync(
            await client.PostAsJsonAsync("/api/public/comments", new { projectId = tenant.ProjectId, objectType = "TRACE", objectId = traceId, content }),
            HttpStatusCode.OK);
        return created.GetProperty("id").GetString()!;
    }

    private static async Task<(string Queue, string Item)> QueueAsync(HttpClient client, string name, string traceId, string configId)
    {
        var queue = await Tenant.ReadAsync(
            await client.PostAsJsonAsync("/api/public/annotation-queues", new { name, scoreConfigIds = new[] { configId } }), HttpStatusCode.OK);
        var queueId = queue.GetProperty("id").GetString()!;
        var item = await Tenant.ReadAsync(
            await client.PostAsJsonAsync($"/api/public/annotation-queues/{queueId}/items", new { objectId = traceId, objectType = "TRACE" }), HttpStatusCode.OK);
        return (queueId, item.GetProperty("id").GetString()!);
    }
}
