using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

[Trait(TestProfile.Trait, TestProfile.OwnServers)]
public sealed class HealthAndDocsTests
{
    [Fact]
    public async Task Health_AnswersOkWithVersion_And503WhileTheDatabaseIsUnusable()
    {
        await using var server = await SightlineProcess.StartAsync();
        using var client = server.CreateClient();

        var ok = await Tenant.ReadAsync(await client.GetAsync("/api/public/health"), HttpStatusCode.OK);
        Assert.Equal("OK", ok.GetProperty("status").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", ok.GetProperty("version").GetString());
        await Tenant.ReadAsync(await client.GetAsync("/api/public/ready"), HttpStatusCode.OK);

        await ExecuteAsync(server, "ALTER TABLE organizations RENAME TO organizations_moved_away");
        var broken = await Tenant.ReadAsync(await client.GetAsync("/api/public/health"), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Database not available", broken.GetProperty("message").GetString());

        await ExecuteAsync(server, "ALTER TABLE organizations_moved_away RENAME TO organizations");
        await Tenant.ReadAsync(await client.GetAsync("/api/public/health"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Start_AfterACrashLeftTheMigrationLockBehind_RecoversAndServes()
    {
        var dataDir = SightlineProcess.NewDataDirectory();
        await using (var first = await SightlineProcess.StartAsync(dataDirectory: dataDir))
        {
            await first.KillAsync();
        }

        await using (var db = new SqliteConnection($"Data Source={Path.Combine(dataDir, "sightline.db")};Pooling=false"))
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = """INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-01-01 00:00:00+00:00')""";
            await command.ExecuteNonQueryAsync();
        }

        await using var second = await SightlineProcess.StartAsync(dataDirectory: dataDir);
        Assert.Contains("stale migration lock", second.StandardOutput, StringComparison.Ordinal);
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task OpenApiDocument_ListsEveryPublicEndpoint_AndReferencePageLoads()
    {
        await using var server = await SightlineProcess.StartAsync();
        using var client = server.CreateClient();

        var doc = await Tenant.ReadAsync(await client.GetAsync("/api/public/openapi.json"), HttpStatusCode.OK);
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] expected =
        [
            "/api/public/health", "/api/public/ready", "/api/public/projects", "/api/public/projects/{projectId}",
            "/api/public/projects/{projectId}/apiKeys", "/api/public/projects/{projectId}/apiKeys/{apiKeyId}",
            "/api/public/projects/{projectId}/memberships", "/api/public/organizations/projects",
            "/api/public/organizations/apiKeys", "/api/public/organizations/memberships",
            "/api/admin/organizations", "/api/admin/organizations/{organizationId}",
            "/api/admin/organizations/{organizationId}/apiKeys", "/api/admin/organizations/{organizationId}/apiKeys/{apiKeyId}",
            "/api/public/ingestion", "/api/public/otel/v1/traces", "/api/public/otel/v1/metrics", "/api/public/traces/{traceId}",
            "/api/public/observations/{observationId}", "/api/public/models", "/api/public/models/{id}",
            "/api/public/v2/prompts", "/api/public/v2/prompts/{name}", "/api/public/v2/prompts/{name}/versions/{version}",
            "/api/public/traces", "/api/public/observations", "/api/public/v2/observations", "/api/public/sessions",
            "/api/public/sessions/{sessionId}", "/api/public/metrics", "/api/public/metrics/daily", "/api/public/v2/metrics",
            "/api/public/media", "/api/public/media/{mediaId}", "/api/public/media/upload/{token}", "/api/public/media/download/{token}",
            "/api/public/comments", "/api/public/comments/{commentId}", "/api/public/annotation-queues",
            "/api/public/annotation-queues/{queueId}", "/api/public/annotation-queues/{queueId}/items",
            "/api/public/annotation-queues/{queueId}/items/{itemId}", "/api/public/annotation-queues/{queueId}/assignments",
            "/api/public/v3/scores",
        ];
        Assert.Empty(expected.Except(paths));

        using var page = await client.GetAsync("/api/reference");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UrlsFlag_WinsOverPort()
    {
        var port = SightlineProcess.FreePort();

        await using var server = await SightlineProcess.StartAsync(null, null, "--urls", $"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        await Tenant.ReadAsync(await client.GetAsync("/api/public/health"), HttpStatusCode.OK);
        Assert.Contains($"http://127.0.0.1:{port}", server.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonLogFormat_WritesOneJsonObjectPerLine()
    {
        await using var server = await SightlineProcess.StartAsync(new Dictionary<string, string> { ["LOG_FORMAT"] = "json" });
        await server.KillAsync();

        var lines = server.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith('{')).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => JsonDocument.Parse(l).Dispose());
        Assert.Contains(lines, l => l.Contains("listening on", StringComparison.Ordinal));
    }

    private static async Task ExecuteAsync(SightlineProcess server, string sql)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "sightline.db")};Pooling=false");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
