using System.Net;
using System.Text;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

/// <summary>
/// The server with its analytics store on ClickHouse (<c>CLICKHOUSE_URL</c>) and metadata in SQLite, against the
/// ClickHouse endpoint the test command starts (<c>SIGHTLINE_TEST_CLICKHOUSE</c>).
/// </summary>
[Trait(TestProfile.Trait, TestProfile.OwnServers)]
public sealed class ClickHouseAnalyticsTests
{
    private const string Secrets = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static string Url =>
        Environment.GetEnvironmentVariable("SIGHTLINE_TEST_CLICKHOUSE") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("SIGHTLINE_TEST_CLICKHOUSE is not set: run ./test.sh, which starts the ClickHouse endpoint for these tests.");

    [Fact]
    public async Task IngestedTrace_IsStoredInClickHouse_AndListedAndReadThroughTheApi()
    {
        var database = "sightline_server_" + Guid.NewGuid().ToString("N")[..10];
        var (traceId, generationId) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = await SightlineProcess.StartAsync(new Dictionary<string, string>
            {
                ["SALT"] = "pepper",
                ["ENCRYPTION_KEY"] = Secrets,
                ["CLICKHOUSE_URL"] = Url,
                ["CLICKHOUSE_DB"] = database,
                ["LANGFUSE_INIT_ORG_ID"] = "ch-org",
                ["LANGFUSE_INIT_PROJECT_ID"] = "ch-project",
                ["LANGFUSE_INIT_PROJECT_PUBLIC_KEY"] = "pk-lf-ch",
                ["LANGFUSE_INIT_PROJECT_SECRET_KEY"] = "sk-lf-ch",
            });
            using var client = server.CreateClient("pk-lf-ch", "sk-lf-ch");
            var batch = $$$"""
                {"batch":[
                  {"id":"e1","type":"trace-create","timestamp":"2026-01-01T00:00:00.000Z","body":{"id":"{{{traceId}}}","name":"on-clickhouse","userId":"u-1","sessionId":"s-1","tags":["a"],"metadata":{"plan":"pro"} }},
                  {"id":"e2","type":"generation-create","timestamp":"2026-01-01T00:00:00.100Z","body":{"id":"{{{generationId}}}","traceId":"{{{traceId}}}","name":"llm","startTime":"2026-01-01T00:00:00.100Z","endTime":"2026-01-01T00:00:01.100Z","model":"gpt-4o","usageDetails":{"input":100,"output":20},"costDetails":{"input":0.25,"output":0.5} }},
                  {"id":"e3","type":"score-create","timestamp":"2026-01-01T00:00:02.000Z","body":{"id":"s-{{{traceId}}}","traceId":"{{{traceId}}}","name":"quality","value":0.75}}
                ]}
                """;
            await Tenant.ReadAsync(await client.PostAsync("/api/public/ingestion", new StringContent(batch, Encoding.UTF8, "application/json")), HttpStatusCode.MultiStatus);

            var list = await Poll.UntilAsync(client, "/api/public/traces?userId=u-1", body => body.GetProperty("data").GetArrayLength() == 1
                && body.GetProperty("data")[0].GetProperty("observations").GetArrayLength() == 1 && body.GetProperty("data")[0].GetProperty("scores").GetArrayLength() == 1);
            var listed = list.GetProperty("data")[0];
            Assert.Equal(traceId, listed.GetProperty("id").GetString());
            Assert.Equal("on-clickhouse", listed.GetProperty("name").GetString());
            Assert.Equal(generationId, listed.GetProperty("observations")[0].GetString());
            Assert.Equal(0.75m, listed.GetProperty("totalCost").GetDecimal());
            Assert.Equal(1.0, listed.GetProperty("latency").GetDouble(), 3);
            Assert.Equal(1, list.GetProperty("meta").GetProperty("totalItems").GetInt32());

            // A later event for the same trace replaces the stored row; reads see only the merged version.
            var update = $$$"""{"batch":[{"id":"e4","type":"trace-create","timestamp":"2026-01-01T00:00:05.000Z","body":{"id":"{{{traceId}}}","output":"done"}}]}""";
            await Tenant.ReadAsync(await client.PostAsync("/api/public/ingestion", new StringContent(update, Encoding.UTF8, "application/json")), HttpStatusCode.MultiStatus);
            var trace = await Poll.UntilAsync(client, $"/api/public/traces/{traceId}", body => body.GetProperty("output").ValueKind == System.Text.Json.JsonValueKind.String);
            Assert.Equal(("on-clickhouse", "done", "pro"), (trace.GetProperty("name").GetString(), trace.GetProperty("output").GetString(), trace.GetProperty("metadata").GetProperty("plan").GetString()));
            Assert.Equal("gpt-4o", Assert.Single(trace.GetProperty("observations").EnumerateArray()).GetProperty("model").GetString());
            Assert.Equal(1, (await Poll.UntilAsync(client, "/api/public/traces?userId=u-1")).GetProperty("data").GetArrayLength());

            // The rows are in ClickHouse (output as the JSON text sent), and the data directory holds no embedded analytics store.
            Assert.Equal("on-clickhouse\t\"done\"", (await RunAsync($"SELECT name, output FROM `{database}`.traces FINAL WHERE id = '{traceId}'")).Trim());
            Assert.Equal("1", (await RunAsync($"SELECT count() FROM `{database}`.observations FINAL WHERE trace_id = '{traceId}'")).Trim());
            Assert.False(File.Exists(Path.Combine(server.DataDirectory, "analytics.duckdb")));
            using var health = await client.GetAsync("/api/public/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            await RunAsync($"DROP DATABASE IF EXISTS `{database}` SYNC");
        }
    }

    [Fact]
    public async Task UnreachableClickHouse_StopsAtStartWithOneLineNamingTheAddress()
    {
        var port = SightlineProcess.FreePort();

        var (exitCode, _, stderr) = await SightlineProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["SALT"] = "pepper",
            ["ENCRYPTION_KEY"] = Secrets,
            ["CLICKHOUSE_URL"] = $"http://127.0.0.1:{port}",
        });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"Sightline cannot start: CLICKHOUSE_URL: ClickHouse at http://127.0.0.1:{port} (database 'default', user 'default') refused the analytics store: ", line, StringComparison.Ordinal);
        Assert.Contains("Connection refused", line, StringComparison.Ordinal);
        Assert.Contains("Fix: check CLICKHOUSE_URL, CLICKHOUSE_USER, CLICKHOUSE_PASSWORD and CLICKHOUSE_DB", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownClickHouseUser_StopsAtStartWithClickHousesReason_AndNeverPrintsThePassword()
    {
        var (exitCode, stdout, stderr) = await SightlineProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["SALT"] = "pepper",
            ["ENCRYPTION_KEY"] = Secrets,
            ["CLICKHOUSE_URL"] = Url,
            ["CLICKHOUSE_USER"] = "intruder",
            ["CLICKHOUSE_PASSWORD"] = "Sup3r-S3cret",
        });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("CLICKHOUSE_URL: ClickHouse at ", line, StringComparison.Ordinal);
        Assert.Contains("user 'intruder'", line, StringComparison.Ordinal);
        Assert.Contains("Authentication failed", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3r-S3cret", stdout + stderr, StringComparison.Ordinal);
    }

    private static async Task<string> RunAsync(string sql)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(Url, new StringContent(sql, Encoding.UTF8));
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? text : throw new InvalidOperationException($"ClickHouse refused '{sql}': {text}");
    }
}
