using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

/// <summary>
/// The server with its metadata on PostgreSQL (<c>DATABASE_URL</c> or <c>DATABASE_*</c>), against the server the
/// test command starts (<c>SIGHTLINE_TEST_POSTGRES</c>); analytics and the event log stay in the data directory.
/// </summary>
[Trait(TestProfile.Trait, TestProfile.OwnServers)]
public sealed class PostgresMetadataTests
{
    // Every character that breaks a naive DATABASE_URL, plus a quote and a semicolon for connection strings.
    private const string Password = "p@ss#w/rd:?;'%x";
    private const string Secrets = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static string Admin =>
        Environment.GetEnvironmentVariable("SIGHTLINE_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("SIGHTLINE_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL for these tests.");

    [Fact]
    public async Task PercentEncodedUrlThenSeparateVariables_SameDatabase_ServesProjectsIngestionPromptsMediaCommentsQueuesAndScoreConfigs()
    {
        var admin = new NpgsqlConnectionStringBuilder(Admin);
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (database, role) = ("sightline_" + suffix, "sightline_user_" + suffix);
        await ExecuteAsync(Admin, $"CREATE ROLE {role} LOGIN PASSWORD '{Password.Replace("'", "''", StringComparison.Ordinal)}'");
        await ExecuteAsync(Admin, $"CREATE DATABASE {database} OWNER {role}");
        var dataDir = SightlineProcess.NewDataDirectory();
        try
        {
            var common = new Dictionary<string, string>
            {
                ["SALT"] = "pepper",
                ["ENCRYPTION_KEY"] = Secrets,
                ["LANGFUSE_INIT_ORG_ID"] = "pg-org",
                ["LANGFUSE_INIT_PROJECT_ID"] = "pg-project",
                ["LANGFUSE_INIT_PROJECT_NAME"] = "On PostgreSQL",
                ["LANGFUSE_INIT_PROJECT_PUBLIC_KEY"] = "pk-lf-pg",
                ["LANGFUSE_INIT_PROJECT_SECRET_KEY"] = "sk-lf-pg",
            };
            var encoded = Uri.EscapeDataString(Password);
            var viaUrl = new Dictionary<string, string>(common)
            {
                ["DATABASE_URL"] = $"postgresql://{role}:{encoded}@{admin.Host}:{admin.Port}/{database}?schema=public",
            };
            var traceId = Guid.NewGuid().ToString("N");
            var media = RandomNumberGenerator.GetBytes(256);
            var mediaHash = Convert.ToBase64String(SHA256.HashData(media));
            string mediaId, commentId, queueId, itemId, configId, queueConfigId;
            await using (var server = await SightlineProcess.StartAsync(viaUrl, dataDir))
            {
                using var client = server.CreateClient("pk-lf-pg", "sk-lf-pg");
                var projects = await Tenant.ReadAsync(await client.GetAsync("/api/public/projects"), HttpStatusCode.OK);
                Assert.Equal("On PostgreSQL", projects.GetProperty("data")[0].GetProperty("name").GetString());

                var batch = $$$"""{"batch":[{"id":"e1","type":"trace-create","timestamp":"2026-01-01T00:00:00Z","body":{"id":"{{{traceId}}}","name":"pg-trace"}}]}""";
                await Tenant.ReadAsync(await client.PostAsync("/api/public/ingestion", new StringContent(batch, Encoding.UTF8, "application/json")), HttpStatusCode.MultiStatus);
                var trace = await Poll.UntilAsync(client, $"/api/public/traces/{traceId}", _ => true);
                Assert.Equal("pg-trace", trace.GetProperty("name").GetString());

                var comment = await Tenant.ReadAsync(
                    await client.PostAsJsonAsync("/api/public/comments", new { projectId = "pg-project", objectType = "TRACE", objectId = traceId, content = "stored in PostgreSQL" }),
                    HttpStatusCode.OK);
                commentId = comment.GetProperty("id").GetString()!;
                queueConfigId = (await Tenant.ReadAsync(
                    await client.PostAsJsonAsync("/api/public/score-configs", new { name = "helpfulness", dataType = "BOOLEAN" }), HttpStatusCode.OK)).GetProperty("id").GetString()!;
                var queue = await Tenant.ReadAsync(
                    await client.PostAsJsonAsync("/api/public/annotation-queues", new { name = "pg-queue", description = "é ✓", scoreConfigIds = new[] { queueConfigId } }),
                    HttpStatusCode.OK);
                queueId = queue.GetProperty("id").GetString()!;
                var item = await Tenant.ReadAsync(
                    await client.PostAsJsonAsync($"/api/public/annotation-queues/{queueId}/items", new { objectId = traceId, objectType = "TRACE" }), HttpStatusCode.OK);
                itemId = item.GetProperty("id").GetString()!;
                await Tenant.ReadAsync(
                    await client.PatchAsJsonAsync($"/api/public/annotation-queues/{queueId}/items/{itemId}", new { status = "COMPLETED" }), HttpStatusCode.OK);
                var duplicate = await Tenant.ReadAsync(
                    await client.PostAsJsonAsync("/api/public/annotation-queues", new { name = "pg-queue", scoreConfigIds = new[] { queueConfigId } }), HttpStatusCode.BadRequest);
                Assert.Equal("A queue with this name already exists.", duplicate.GetProperty("message").GetString());

                await Tenant.ReadAsync(
                    await client.PostAsJsonAsync("/api/public/v2/prompts", new { name = "greeting", type = "text", prompt = "Hello {{name}}", labels = new[] { "production" } }),
                    HttpStatusCode.Created);

                // A score config in PostgreSQL, checked by the score API and by the worker.
                var config = await Tenant.ReadAsync(
                    await client.PostAsJsonAsync("/api/public/score-configs", new { name = "tone", dataType = "CATEGORICAL", categories = new[] { new { label = "kind", value = 2 }, new { label = "rude", value = -1 } } }),
                    HttpStatusCode.OK);
                configId = config.GetProperty("id").GetString()!;
                await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/scores", new { traceId, name = "tone", value = "meh", configId }), HttpStatusCode.BadRequest);
                await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/scores", new { id = "pg-score", traceId, name = "tone", value = "kind", configId }), HttpStatusCode.OK);
                var score = await Poll.UntilAsync(client, "/api/public/v2/scores/pg-score", _ => true);
                Assert.Equal(2.0, score.GetProperty("value").GetDouble());
                await Tenant.ReadAsync(await client.PatchAsJsonAsync($"/api/public/score-configs/{configId}", new { isArchived = true }), HttpStatusCode.OK);

                var announced = await Tenant.ReadAsync(
                    await client.PostAsJsonAsync("/api/public/media", new { traceId, contentType = "image/png", contentLength = media.Length, sha256Hash = mediaHash, field = "input" }),
                    HttpStatusCode.Created);
                mediaId = announced.GetProperty("mediaId").GetString()!;
                using var upload = new ByteArrayContent(media);
                upload.Headers.ContentType = new MediaTypeHeaderValue("image/png");
                using var anonymous = server.CreateClient();
                using var put = await anonymous.PutAsync(announced.GetProperty("uploadUrl").GetString(), upload);
                Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            }

            // The same database through the separate variables, password as is: the rows written above are there.
            var viaParts = new Dictionary<string, string>(common)
            {
                ["DATABASE_HOST"] = admin.Host!,
                ["DATABASE_PORT"] = admin.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["DATABASE_USERNAME"] = role,
                ["DATABASE_PASSWORD"] = Password,
                ["DATABASE_NAME"] = database,
            };
            await using (var server = await SightlineProcess.StartAsync(viaParts, dataDir))
            {
                using var client = server.CreateClient("pk-lf-pg", "sk-lf-pg");
                var prompt = await Tenant.ReadAsync(await client.GetAsync("/api/public/v2/prompts/greeting"), HttpStatusCode.OK);
                Assert.Equal("Hello {{name}}", prompt.GetProperty("prompt").GetString());
                Assert.Equal(1, prompt.GetProperty("version").GetInt32());
                var archived = await Tenant.ReadAsync(await client.GetAsync($"/api/public/score-configs/{configId}"), HttpStatusCode.OK);
                Assert.Equal((true, "kind"), (archived.GetProperty("isArchived").GetBoolean(), archived.GetProperty("categories")[0].GetProperty("label").GetString()));
                var stored = await Tenant.ReadAsync(await client.GetAsync($"/api/public/media/{mediaId}"), HttpStatusCode.OK);
                Assert.Equal(media.Length, stored.GetProperty("contentLength").GetInt32());
                using var anonymous = server.CreateClient();
                Assert.Equal(media, await anonymous.GetByteArrayAsync(stored.GetProperty("url").GetString()));

                var comment = await Tenant.ReadAsync(await client.GetAsync($"/api/public/comments/{commentId}"), HttpStatusCode.OK);
                Assert.Equal(("TRACE", traceId, "stored in PostgreSQL"),
                    (comment.GetProperty("objectType").GetString(), comment.GetProperty("objectId").GetString(), comment.GetProperty("content").GetString()));
                var comments = await Tenant.ReadAsync(await client.GetAsync($"/api/public/comments?objectType=TRACE&objectId={traceId}"), HttpStatusCode.OK);
                Assert.Equal(commentId, Assert.Single(comments.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());
                var queue = await Tenant.ReadAsync(await client.GetAsync($"/api/public/annotation-queues/{queueId}"), HttpStatusCode.OK);
                Assert.Equal(("pg-queue", "é ✓"), (queue.GetProperty("name").GetString(), queue.GetProperty("description").GetString()));
                Assert.Equal([queueConfigId], queue.GetProperty("scoreConfigIds").EnumerateArray().Select(i => i.GetString()));
                var items = await Tenant.ReadAsync(await client.GetAsync($"/api/public/annotation-queues/{queueId}/items?status=COMPLETED"), HttpStatusCode.OK);
                var item = Assert.Single(items.GetProperty("data").EnumerateArray());
                Assert.Equal((itemId, traceId), (item.GetProperty("id").GetString(), item.GetProperty("objectId").GetString()));
                Assert.NotEqual(JsonValueKind.Null, item.GetProperty("completedAt").ValueKind);
            }

            await using var check = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Admin) { Database = database, Pooling = false }.ConnectionString);
            await check.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM projects WHERE \"Id\" = 'pg-project'", check);
            Assert.Equal(1L, await count.ExecuteScalarAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(Admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            await ExecuteAsync(Admin, $"DROP ROLE IF EXISTS {role}");
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Datasets_OnPostgres_KeepItemVersionsRunsAndSchemas()
    {
        var admin = new NpgsqlConnectionStringBuilder(Admin);
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (database, role) = ("sightline_ds_" + suffix, "sightline_ds_user_" + suffix);
        await ExecuteAsync(Admin, $"CREATE ROLE {role} LOGIN PASSWORD 'datasets'");
        await ExecuteAsync(Admin, $"CREATE DATABASE {database} OWNER {role}");
        var dataDir = SightlineProcess.NewDataDirectory();
        try
        {
            await using var server = await SightlineProcess.StartAsync(new Dictionary<string, string>
            {
                ["SALT"] = "pepper",
                ["ENCRYPTION_KEY"] = Secrets,
                ["DATABASE_URL"] = $"postgresql://{role}:datasets@{admin.Host}:{admin.Port}/{database}",
                ["LANGFUSE_INIT_ORG_ID"] = "pg-org",
                ["LANGFUSE_INIT_PROJECT_ID"] = "pg-project",
                ["LANGFUSE_INIT_PROJECT_NAME"] = "On PostgreSQL",
                ["LANGFUSE_INIT_PROJECT_PUBLIC_KEY"] = "pk-lf-pg",
                ["LANGFUSE_INIT_PROJECT_SECRET_KEY"] = "sk-lf-pg",
            }, dataDir);
            using var client = server.CreateClient("pk-lf-pg", "sk-lf-pg");
            async Task<JsonElement> PostAsync(string path, object body, HttpStatusCode status = HttpStatusCode.OK) =>
                await Tenant.ReadAsync(await client.PostAsJsonAsync(path, body), status);

            var dataset = await PostAsync("/api/public/v2/datasets", new { name = "pg/set", inputSchema = new { type = "string" } });
            var v1 = await PostAsync("/api/public/dataset-items", new { datasetName = "pg/set", id = "i1", input = "first" });
            await PostAsync("/api/public/dataset-items", new { datasetName = "pg/set", id = "i1", input = "second" });
            await PostAsync("/api/public/dataset-items", new { datasetName = "pg/set", id = "i1", input = 3 }, HttpStatusCode.BadRequest);
            var runItem = await PostAsync("/api/public/dataset-run-items", new { runName = "r", datasetItemId = "i1", traceId = "t-1", metadata = new { k = 1 } });

            Assert.Equal("\"second\"", JsonSerializer.Serialize((await client.GetOkAsync("/api/public/dataset-items/i1")).GetProperty("input")));
            var asOf = await client.GetOkAsync($"/api/public/dataset-items?datasetName=pg%2Fset&version={Uri.EscapeDataString(v1.GetProperty("updatedAt").GetString()!)}");
            Assert.Equal("first", asOf.GetProperty("data")[0].GetProperty("input").GetString());
            var run = await client.GetOkAsync("/api/public/datasets/pg%2Fset/runs/r");
            Assert.Equal((runItem.GetProperty("datasetRunId").GetString(), 1), (run.GetProperty("id").GetString(), run.GetProperty("metadata").GetProperty("k").GetInt32()));
            Assert.Equal(["t-1"], run.GetProperty("datasetRunItems").EnumerateArray().Select(i => i.GetProperty("traceId").GetString()));
            Assert.Equal(dataset.GetProperty("id").GetString(), run.GetProperty("datasetId").GetString());
            await Tenant.ReadAsync(await client.DeleteAsync("/api/public/datasets/pg%2Fset/runs/r"), HttpStatusCode.OK);
            Assert.Equal(0, (await client.GetOkAsync("/api/public/datasets/pg%2Fset/runs")).Meta().TotalItems);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(Admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            await ExecuteAsync(Admin, $"DROP ROLE IF EXISTS {role}");
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task WrongPassword_StopsAtStartWithAClearError()
    {
        var admin = new NpgsqlConnectionStringBuilder(Admin);
        var (exitCode, _, stderr) = await SightlineProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["SALT"] = "pepper",
            ["ENCRYPTION_KEY"] = Secrets,
            ["DATABASE_URL"] = $"postgresql://postgres:wrong@{admin.Host}:{admin.Port}/postgres",
        });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n'), l => l.StartsWith("Sightline cannot start:", StringComparison.Ordinal));
        Assert.StartsWith("Sightline cannot start: DATABASE_URL: PostgreSQL at ", line, StringComparison.Ordinal);
        Assert.Contains("password authentication failed", line, StringComparison.Ordinal);
        Assert.Contains("Fix: check the host, port, user name, password and database", line, StringComparison.Ordinal);
        Assert.DoesNotContain(":wrong", stderr, StringComparison.Ordinal);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
