using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Sightline.Storage.ClickHouse;
using Sightline.Tracing;

namespace Sightline.Storage.Tests.ClickHouse;

/// <summary>The schema ledger: steps recorded once, resumable after any failure, safe with several nodes starting at once.</summary>
public sealed class ClickHouseMigrationTests : IAsyncLifetime
{
    private readonly TestClickHouse _clickHouse = TestClickHouse.NewDatabase();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _clickHouse.DisposeAsync();

    private ClickHouseMigrator Migrator(HttpMessageHandler? handler = null)
    {
        var options = _clickHouse.Options;
        var ddl = ClickHouseStorageExtensions.Ddl(options);
        return new ClickHouseMigrator(new ClickHouseClient(handler ?? new SocketsHttpHandler(), options), ddl, ClickHouseSchema.Steps(ddl),
            TimeProvider.System, NullLogger<ClickHouseMigrator>.Instance);
    }

    private Task<string> RunAsync(string sql) => TestClickHouse.RunAsync(sql.Replace("$db", $"`{_clickHouse.Database}`", StringComparison.Ordinal));

    private async Task<string[]> TablesAsync() =>
        (await TestClickHouse.RunAsync($"SELECT name FROM system.tables WHERE database = '{_clickHouse.Database}' ORDER BY name"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static readonly string[] AllTables = ["dataset_run_items", "observations", "scores", "sightline_schema_migrations", "traces"];

    private static string[] AllSteps => ClickHouseSchema.Steps(new ClickHouseDdl("any", false, "")).Select(s => s.Name).ToArray();

    [Fact]
    public async Task Apply_FreshDatabase_CreatesItAndEveryTable_AndRecordsEachStepOnce()
    {
        await Migrator().ApplyAsync(CancellationToken.None);
        await Migrator().ApplyAsync(CancellationToken.None);

        Assert.Equal(AllTables, await TablesAsync());
        Assert.Equal(string.Join("\n", AllSteps), (await RunAsync("SELECT name FROM $db.sightline_schema_migrations ORDER BY name")).Trim());
    }

    [Fact]
    public async Task Apply_StatementFailingHalfWayThroughAStep_LeavesItUnrecorded_AndTheNextStartCompletesIt()
    {
        // The first step's second statement fails the way a dropped connection or a crash would leave it: the traces
        // table exists, the observations table does not, and nothing says the step is done.
        var broken = new FailOnce(body => body.Contains(".observations", StringComparison.Ordinal) && body.StartsWith("CREATE TABLE", StringComparison.Ordinal));
        await Assert.ThrowsAsync<HttpRequestException>(() => Migrator(broken).ApplyAsync(CancellationToken.None));

        Assert.Contains("traces", await TablesAsync());
        Assert.DoesNotContain("observations", await TablesAsync());
        Assert.Equal("", (await RunAsync("SELECT name FROM $db.sightline_schema_migrations")).Trim());

        await Migrator().ApplyAsync(CancellationToken.None);

        Assert.Equal(AllTables, await TablesAsync());
        Assert.Equal(string.Join("\n", AllSteps), (await RunAsync("SELECT name FROM $db.sightline_schema_migrations ORDER BY name")).Trim());
        await using var provider = new ServiceCollection().AddClickHouseAnalytics(_clickHouse.Options).BuildServiceProvider();
        await provider.GetRequiredService<IStorageInitializer>().InitializeAsync(CancellationToken.None);
        var trace = new TraceRecord { ProjectId = "p", Id = "t", Timestamp = DateTime.UnixEpoch, Environment = "default", CreatedAt = DateTime.UnixEpoch, UpdatedAt = DateTime.UnixEpoch };
        await provider.GetRequiredService<IAnalyticsWriter>().WriteAsync(new AnalyticsBatch([trace], [], []), CancellationToken.None);
        Assert.NotNull(await provider.GetRequiredService<ITraceQueries>().GetTraceAsync("p", "t", CancellationToken.None));
    }

    [Fact]
    public async Task Apply_StepDoneButLedgerRowLost_RunsTheStepAgainHarmlessly()
    {
        await Migrator().ApplyAsync(CancellationToken.None);
        await RunAsync("INSERT INTO $db.traces (id, project_id, environment, event_ts, is_deleted) VALUES ('t', 'p', 'default', now64(6), 0)");
        await RunAsync("TRUNCATE TABLE $db.sightline_schema_migrations");

        await Migrator().ApplyAsync(CancellationToken.None);

        Assert.Equal(string.Join("\n", AllSteps), (await RunAsync("SELECT name FROM $db.sightline_schema_migrations ORDER BY name")).Trim());
        Assert.Equal("1", (await RunAsync("SELECT count() FROM $db.traces")).Trim());
    }

    [Fact]
    public async Task Apply_FourNodesStartingAtOnce_AllSucceed_AndTheSchemaIsComplete()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Migrator().ApplyAsync(CancellationToken.None))));
        // The ledger may hold a step up to four times until a merge collapses them; the latest record cannot change.
        var lastRecorded = await RunAsync("SELECT max(applied_at) FROM $db.sightline_schema_migrations");

        await Migrator().ApplyAsync(CancellationToken.None);

        Assert.Equal(AllTables, await TablesAsync());
        Assert.Equal(string.Join("\n", AllSteps), (await RunAsync("SELECT DISTINCT name FROM $db.sightline_schema_migrations ORDER BY name")).Trim());
        Assert.Equal(lastRecorded, await RunAsync("SELECT max(applied_at) FROM $db.sightline_schema_migrations"));
    }

    [Fact]
    public async Task Apply_DatabaseHoldingLangfusesTables_IsRefusedBeforeAnythingIsCreated()
    {
        // Langfuse's own layout: golang-migrate's ledger and a traces table sorted by the day of its timestamp too.
        await RunAsync("CREATE DATABASE $db");
        await RunAsync("CREATE TABLE $db.schema_migrations (version Int64, dirty UInt8, sequence UInt64) ENGINE = MergeTree ORDER BY sequence");
        await RunAsync("CREATE TABLE $db.traces (id String, project_id String, timestamp DateTime64(3), event_ts DateTime64(3), is_deleted UInt8) "
            + "ENGINE = ReplacingMergeTree(event_ts, is_deleted) ORDER BY (project_id, toDate(timestamp), id)");

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => Migrator().ApplyAsync(CancellationToken.None));

        Assert.Contains($"the database '{_clickHouse.Database}' already holds a table 'traces' sorted by (project_id, toDate(timestamp), id)", error.Message, StringComparison.Ordinal);
        Assert.Contains("CLICKHOUSE_DB", error.Message, StringComparison.Ordinal);
        Assert.Equal(["schema_migrations", "traces"], await TablesAsync());
    }

    [Fact]
    public async Task Initialize_ServerOlderThanTwentyFourThree_IsRefusedNamingTheVersion()
    {
        var old = new Answer("23.8.16.16\n");
        await using var provider = new ServiceCollection().AddClickHouseAnalytics(_clickHouse.Options, () => old).BuildServiceProvider();

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => provider.GetRequiredService<IStorageInitializer>().InitializeAsync(CancellationToken.None));

        Assert.Contains("23.8.16.16", error.Message, StringComparison.Ordinal);
        Assert.Contains("24.3", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, old.Requests);
    }

    /// <summary>Throws, as a broken connection would, for the first request whose SQL body matches.</summary>
    private sealed class FailOnce(Func<string, bool> matches) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _failed;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is StringContent content && matches(await content.ReadAsStringAsync(cancellationToken)) && Interlocked.Exchange(ref _failed, 1) == 0)
            {
                throw new HttpRequestException("connection reset (injected by the test)");
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>A server that answers every request with the same text.</summary>
    private sealed class Answer(string text) : HttpMessageHandler
    {
        public int Requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Requests);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(text, Encoding.UTF8) });
        }
    }
}
