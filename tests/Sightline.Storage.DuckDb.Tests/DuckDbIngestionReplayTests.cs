using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Sightline.Ingestion;
using Sightline.Scores;
using Sightline.Tracing;

namespace Sightline.Storage.DuckDb.Tests;

/// <summary>
/// The ingestion processor on the DuckDB store, across reopenings: what the worker does when it replays records
/// after a crash (their rows committed, the log not yet acknowledged) and when updates arrive in later batches.
/// The key filters are loaded before each step, so these run the paths that skip lookups and deletes.
/// </summary>
public sealed class DuckDbIngestionReplayTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();
    private readonly List<DuckDbAnalyticsStore> _stores = [];

    private string DatabasePath => Path.Combine(_directory.Path, "analytics.duckdb");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _directory.Dispose();
    }

    private async Task<DuckDbAnalyticsStore> OpenAsync()
    {
        foreach (var open in _stores)
        {
            await open.DisposeAsync();
        }

        var store = new DuckDbAnalyticsStore(
            new DuckDbDatabase(DatabasePath, new DuckDbOptions(), TimeProvider.System, NullLogger<DuckDbDatabase>.Instance), NullLogger<DuckDbAnalyticsStore>.Instance);
        _stores.Add(store);
        await store.InitializeAsync(CancellationToken.None);
        await store.LoadKeysAsync();
        return store;
    }

    private static IngestionProcessor Processor(IAnalyticsWriter store) =>
        new(store, [], new NoScoreConfigs(), new InProcessMergeLocks(), new NoTraceDeletions(), new FixedTime(Now), NullLogger<IngestionProcessor>.Instance);

    private static IngestionRecord Record(string projectId, params (string Type, string Body)[] events) => new(
        projectId,
        Now.UtcDateTime,
        [.. events.Select((e, i) => new IngestionEvent($"e{i}-{Guid.NewGuid():N}", EventType.Find(e.Type)!, Now.UtcDateTime.AddMilliseconds(i), JsonDocument.Parse(e.Body).RootElement.Clone()))]);

    private static IngestionRecord TraceWithSpans(string projectId, string traceId, int spans) => Record(projectId,
    [
        ("trace-create", $$$"""{"id":"{{{traceId}}}","name":"trace","metadata":{"k":"v"}}"""),
        .. Enumerable.Range(0, spans).Select(i => ("span-create", $$"""{"id":"{{traceId}}-s{{i}}","traceId":"{{traceId}}","name":"span {{i}}","startTime":"2026-05-06T07:08:09.{{i:000}}Z"}""")),
        ("score-create", $$"""{"id":"{{traceId}}-score","traceId":"{{traceId}}","name":"quality","value":0.5}"""),
    ]);

    private async Task<long> CountAsync(string table, string projectId)
    {
        await using var connection = new DuckDBConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table} WHERE project_id = $p";
        command.Parameters.Add(new DuckDBParameter("p", projectId));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task ProcessAsync_SameRecordsTwice_LeavesOneRowPerKeyWithTheSameValues()
    {
        var store = await OpenAsync();
        var project = "p-" + Guid.NewGuid().ToString("N");
        List<IngestionRecord> records = [TraceWithSpans(project, "t1", 30), TraceWithSpans(project, "t2", 5)];

        await Processor(store).ProcessAsync(records, CancellationToken.None);
        var first = await store.GetTraceTreeAsync(project, "t1", observations: true, scores: true, CancellationToken.None);
        await Processor(store).ProcessAsync(records, CancellationToken.None);
        var second = await store.GetTraceTreeAsync(project, "t1", observations: true, scores: true, CancellationToken.None);

        Assert.Equal(2, await CountAsync("traces", project));
        Assert.Equal(35, await CountAsync("observations", project));
        Assert.Equal(2, await CountAsync("scores", project));
        Assert.Equal(first!.Observations.Select(o => (o.Id, o.Name, o.StartTime, o.CreatedAt)), second!.Observations.Select(o => (o.Id, o.Name, o.StartTime, o.CreatedAt)));
        Assert.Equal(first.Trace with { Metadata = second.Trace.Metadata, Tags = second.Trace.Tags }, second.Trace);
        Assert.Equal("v", second.Trace.Metadata["k"]);
    }

    [Fact]
    public async Task ProcessAsync_RecordsReplayedAfterReopen_AreFoundThroughTheLoadedKeysAndNotDuplicated()
    {
        var project = "p-" + Guid.NewGuid().ToString("N");
        List<IngestionRecord> records = [TraceWithSpans(project, "t1", 40)];
        await Processor(await OpenAsync()).ProcessAsync(records, CancellationToken.None);

        // Reopening is what a restart after a crash does: the rows are committed, the log replays the records.
        var reopened = await OpenAsync();
        await Processor(reopened).ProcessAsync(records, CancellationToken.None);

        Assert.Equal(1, await CountAsync("traces", project));
        Assert.Equal(40, await CountAsync("observations", project));
        Assert.Equal(1, await CountAsync("scores", project));
        var tree = await reopened.GetTraceTreeAsync(project, "t1", observations: true, scores: true, CancellationToken.None);
        Assert.Equal(40, tree!.Observations.Select(o => o.Id).Distinct().Count());
        Assert.Equal(0.5, Assert.Single(tree.Scores).Value);
    }

    [Fact]
    public async Task ProcessAsync_UpdatesInLaterBatches_MergeOntoTheStoredRowsBeforeAndAfterReopen()
    {
        var project = "p-" + Guid.NewGuid().ToString("N");
        var store = await OpenAsync();
        await Processor(store).ProcessAsync([TraceWithSpans(project, "t1", 3)], CancellationToken.None);

        await Processor(store).ProcessAsync([Record(project, ("span-update", """{"id":"t1-s1","endTime":"2026-05-06T07:08:10Z","output":"first"}"""))], CancellationToken.None);
        var reopened = await OpenAsync();
        await Processor(reopened).ProcessAsync([Record(project,
            ("span-update", """{"id":"t1-s1","level":"WARNING"}"""),
            ("trace-create", """{"id":"t1","userId":"u1"}"""),
            ("span-create", """{"id":"t1-s9","traceId":"t1","name":"new"}"""))], CancellationToken.None);

        var updated = await reopened.GetObservationAsync(project, "t1-s1", CancellationToken.None);
        Assert.Equal("span 1", updated!.Name);
        Assert.Equal("\"first\"", updated.Output);
        Assert.Equal("WARNING", updated.Level);
        Assert.Equal(new DateTime(2026, 5, 6, 7, 8, 10, DateTimeKind.Utc), updated.EndTime);
        var trace = await reopened.GetTraceAsync(project, "t1", CancellationToken.None);
        Assert.Equal(("trace", "u1", "v"), (trace!.Name, trace.UserId, trace.Metadata["k"]));
        Assert.Equal(1, await CountAsync("traces", project));
        Assert.Equal(4, await CountAsync("observations", project));
    }

    // The scores here name no config, so the processor never needs one.
    private sealed class NoScoreConfigs : IScoreConfigLookup
    {
        public Task<IReadOnlyList<ScoreConfig>> GetAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<ScoreConfig>>([]);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class NoTraceDeletions : ITraceDeletion
    {
        public Task<long> DeleteTracesAsync(string projectId, IReadOnlyCollection<string> traceIds, CancellationToken ct) =>
            throw new InvalidOperationException("These records delete no trace");

        public Task<RetentionDeletion> DeleteOlderThanAsync(string projectId, DateTime cutoff, CancellationToken ct) =>
            throw new InvalidOperationException("The worker never applies retention");
    }
}
