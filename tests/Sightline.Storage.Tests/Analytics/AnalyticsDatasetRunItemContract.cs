using Sightline.Datasets;
using Sightline.Tracing;

namespace Sightline.Storage.Tests;

/// <summary>
/// The dataset run item port every analytics store must implement alike: replace-on-rewrite, paged lists newest
/// first, deletion by run, and the run comparison aggregates over the traces, observations and scores the items point
/// at. Project Q reuses P's ids with other values, so a leak between projects shows up in a count or a sum.
/// </summary>
public abstract class AnalyticsDatasetRunItemContract : IAsyncLifetime
{
    private static readonly DateTime T0 = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);
    private const string P = "project-p";
    private const string Q = "project-q";

    protected sealed record RunItemStore(IAnalyticsWriter Writer, IDatasetRunItemStore RunItems, IAsyncDisposable Owner);

    private RunItemStore _store = null!;

    protected abstract Task<RunItemStore> OpenStoreAsync();

    public async Task InitializeAsync()
    {
        _store = await OpenStoreAsync();
        await _store.Writer.WriteAsync(Analytics(P, 1), CancellationToken.None);
        await _store.Writer.WriteAsync(Analytics(Q, 1000), CancellationToken.None);

        // r1: I1 runs all of T1 (2 s, 150 tokens), I2 T2 (4 s, 10 tokens), I3 only T1's generation (1 s, 50 tokens),
        // I4 T3, which has no observations. r2: J1 runs T2. Q holds other items under the same run ids.
        await WriteAsync(P, "I1", "r1", "T1", null, 0);
        await WriteAsync(P, "I2", "r1", "T2", null, 1);
        await WriteAsync(P, "I3", "r1", "T1", "O1b", 2);
        await WriteAsync(P, "I4", "r1", "T3", null, 3);
        await WriteAsync(P, "J1", "r2", "T2", null, 4);
        await WriteAsync(Q, "I1", "r1", "T1", null, 0);
        await WriteAsync(Q, "K1", "r2", "T1", null, 1);
    }

    public async Task DisposeAsync() => await _store.Owner.DisposeAsync();

    private Task WriteAsync(string project, string id, string run, string trace, string? observation, int minute) =>
        _store.RunItems.WriteAsync(Item(project, id, run, trace, observation, minute), CancellationToken.None);

    private static DatasetRunItemRecord Item(string project, string id, string run, string trace, string? observation, int minute) => new()
    {
        ProjectId = project,
        Id = id,
        DatasetId = "d1",
        DatasetRunId = run,
        DatasetItemId = "item-" + id,
        TraceId = trace,
        ObservationId = observation,
        CreatedAt = T0.AddMinutes(minute),
        UpdatedAt = T0.AddMinutes(minute),
    };

    private static AnalyticsBatch Analytics(string project, int scale) => new(
        [Trace(project, "T1"), Trace(project, "T2"), Trace(project, "T3")],
        [
            Observation(project, "O1a", "T1", 0, 2000, 100 * scale, 0.01m * scale),
            Observation(project, "O1b", "T1", 500, 1500, 50 * scale, 0.02m * scale),
            Observation(project, "O2", "T2", 0, 4000, 10 * scale, 0.001m * scale),
        ],
        [
            Score(project, "S1", "accuracy", "NUMERIC", 1 * scale, trace: "T1"),
            Score(project, "S2", "accuracy", "NUMERIC", 0, trace: "T2"),
            Score(project, "S3", "run-level", "NUMERIC", 0.7 * scale, run: "r1"),
            Score(project, "S4", "note", "TEXT", null, trace: "T1"),
            Score(project, "S5", "exact", "BOOLEAN", 1, trace: "T1"),
            Score(project, "S6", "unrelated", "NUMERIC", 5, trace: "T9"),
        ]);

    private static TraceRecord Trace(string project, string id) => new()
    {
        ProjectId = project,
        Id = id,
        Timestamp = T0,
        Environment = "default",
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    private static ObservationRecord Observation(string project, string id, string trace, int startMs, int endMs, long tokens, decimal cost) => new()
    {
        ProjectId = project,
        Id = id,
        TraceId = trace,
        Type = "GENERATION",
        StartTime = T0.AddMilliseconds(startMs),
        EndTime = T0.AddMilliseconds(endMs),
        UsageDetails = new Dictionary<string, long> { ["input"] = tokens / 2, ["total"] = tokens },
        TotalCost = cost,
        Environment = "default",
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    private static ScoreRecord Score(string project, string id, string name, string dataType, double? value, string? trace = null, string? run = null) => new()
    {
        ProjectId = project,
        Id = id,
        Timestamp = T0,
        Name = name,
        TraceId = trace,
        DatasetRunId = run,
        DataType = dataType,
        Value = value,
        StringValue = dataType == "TEXT" ? "text" : null,
        Environment = "default",
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    [Fact]
    public async Task List_ReturnsTheRunsItemsNewestFirstPageByPage()
    {
        var first = await _store.RunItems.ListAsync(P, "r1", 3, 0, CancellationToken.None);
        var second = await _store.RunItems.ListAsync(P, "r1", 3, 3, CancellationToken.None);

        Assert.Equal((4L, 4L), (first.TotalItems, second.TotalItems));
        Assert.Equal(["I4", "I3", "I2"], first.Items.Select(i => i.Id));
        var last = Assert.Single(second.Items);
        Assert.Equal(Item(P, "I1", "r1", "T1", null, 0), last);
        var withObservation = first.Items[1];
        Assert.Equal(("item-I3", "T1", "O1b", "d1", T0.AddMinutes(2)), (withObservation.DatasetItemId, withObservation.TraceId, withObservation.ObservationId, withObservation.DatasetId, withObservation.CreatedAt));
        Assert.Equal(["K1"], (await _store.RunItems.ListAsync(Q, "r2", 50, 0, CancellationToken.None)).Items.Select(i => i.Id));
        Assert.Equal(0, (await _store.RunItems.ListAsync(P, "r9", 50, 0, CancellationToken.None)).TotalItems);
    }

    [Fact]
    public async Task Write_SameIdAgain_ReplacesTheItem()
    {
        await _store.RunItems.WriteAsync(Item(P, "I2", "r1", "T3", "O-new", 9), CancellationToken.None);

        var page = await _store.RunItems.ListAsync(P, "r1", 50, 0, CancellationToken.None);
        Assert.Equal(4, page.TotalItems);
        Assert.Equal(["I2", "I4", "I3", "I1"], page.Items.Select(i => i.Id));
        Assert.Equal(("T3", "O-new"), (page.Items[0].TraceId, page.Items[0].ObservationId));
    }

    [Fact]
    public async Task DeleteRuns_RemovesOnlyThoseRunsItemsOfThatProject()
    {
        Assert.Equal(4, await _store.RunItems.DeleteRunsAsync(P, ["r1", "r-none"], CancellationToken.None));

        Assert.Equal(0, (await _store.RunItems.ListAsync(P, "r1", 50, 0, CancellationToken.None)).TotalItems);
        Assert.Equal(["J1"], (await _store.RunItems.ListAsync(P, "r2", 50, 0, CancellationToken.None)).Items.Select(i => i.Id));
        Assert.Equal(["I1"], (await _store.RunItems.ListAsync(Q, "r1", 50, 0, CancellationToken.None)).Items.Select(i => i.Id));
        Assert.Equal(0, await _store.RunItems.DeleteRunsAsync(P, ["r1"], CancellationToken.None));
        Assert.Empty(await _store.RunItems.SummarizeRunsAsync(P, ["r1"], CancellationToken.None));
    }

    [Fact]
    public async Task SummarizeRuns_AggregatesItemsLatencyTokensCostAndScoresPerRun()
    {
        var summaries = await _store.RunItems.SummarizeRunsAsync(P, ["r1", "r2", "r3"], CancellationToken.None);

        Assert.Equal(["r1", "r2"], summaries.Select(s => s.DatasetRunId));
        var r1 = summaries[0];
        Assert.Equal(4, r1.ItemCount);
        // Latencies 2 s, 4 s and 1 s (T3 has none): the median 2 s, the 95th percentile interpolated 2 + 0.9 * 2.
        Assert.Equal(2.0, r1.LatencyP50!.Value, 6);
        Assert.Equal(3.8, r1.LatencyP95!.Value, 6);
        Assert.Equal(210, r1.TotalTokens);
        Assert.Equal(0.051m, r1.TotalCost);
        // T1's accuracy 1 counts once although two items ran T1; the text score is left out; the run's own score joins.
        Assert.Equal(["accuracy", "exact", "run-level"], r1.ScoreAverages.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0.5, r1.ScoreAverages["accuracy"], 6);
        Assert.Equal(1.0, r1.ScoreAverages["exact"], 6);
        Assert.Equal(0.7, r1.ScoreAverages["run-level"], 6);

        var r2 = summaries[1];
        Assert.Equal((1L, 10L, 0.001m), (r2.ItemCount, r2.TotalTokens, r2.TotalCost));
        Assert.Equal((4.0, 4.0), (r2.LatencyP50!.Value, r2.LatencyP95!.Value));
        Assert.Equal(0.0, Assert.Single(r2.ScoreAverages, s => s.Key == "accuracy").Value, 6);
    }

    [Fact]
    public async Task SummarizeRuns_OtherProjectsRowsUnderTheSameIds_StayApart()
    {
        var q = Assert.Single(await _store.RunItems.SummarizeRunsAsync(Q, ["r1"], CancellationToken.None));

        Assert.Equal((1L, 150_000L, 30m), (q.ItemCount, q.TotalTokens, q.TotalCost));
        Assert.Equal(1000.0, q.ScoreAverages["accuracy"], 6);
        Assert.Equal(700.0, q.ScoreAverages["run-level"], 6);
    }
}
