using Sightline.Tracing;

namespace Sightline.Storage.Tests;

/// <summary>
/// What every analytics store (DuckDB embedded, ClickHouse at scale) must do, whatever engine holds the rows. A
/// subclass opens the store on storage private to the test instance, schema initialized; opening again reaches the
/// same storage, as a restart does. Each test uses project ids of its own.
/// </summary>
public abstract class AnalyticsStoreContract : IAsyncLifetime
{
    private static readonly DateTime T0 = new(2026, 3, 14, 9, 26, 53, 589, DateTimeKind.Utc);
    private readonly List<OpenedStore> _opened = [];

    protected sealed record OpenedStore(IAnalyticsWriter Writer, ITraceQueries Queries, IStorageInitializer Initializer, IAsyncDisposable Owner);

    protected abstract Task<OpenedStore> OpenStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.Owner.DisposeAsync();
        }
    }

    protected async Task<OpenedStore> OpenAsync()
    {
        var store = await OpenStoreAsync();
        _opened.Add(store);
        return store;
    }

    protected static string NewProject() => "project-" + Guid.NewGuid().ToString("N");

    protected static TraceRecord FullTrace(string projectId, string id) => new()
    {
        ProjectId = projectId,
        Id = id,
        Timestamp = T0,
        Name = "chat",
        UserId = "user-1",
        SessionId = "session-1",
        Release = "v1.2.3",
        Version = "7",
        Metadata = new Dictionary<string, string> { ["a"] = "1", ["nested"] = """{"x":[1,2]}""", ["ünïcode"] = "✓" },
        Tags = ["prod", "beta"],
        Public = true,
        Bookmarked = true,
        Input = """{"messages":[{"role":"user","content":"hi"}]}""",
        Output = "\"hello\"",
        Environment = "production",
        CreatedAt = T0.AddSeconds(1),
        UpdatedAt = T0.AddSeconds(2),
    };

    protected static TraceRecord MinimalTrace(string projectId, string id) => new()
    {
        ProjectId = projectId,
        Id = id,
        Timestamp = T0,
        Environment = "default",
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    protected static ObservationRecord FullObservation(string projectId, string id, string traceId, DateTime? start = null) => new()
    {
        ProjectId = projectId,
        Id = id,
        TraceId = traceId,
        Type = "GENERATION",
        ParentObservationId = "parent-1",
        StartTime = start ?? T0,
        EndTime = (start ?? T0).AddMilliseconds(1234),
        CompletionStartTime = (start ?? T0).AddMilliseconds(321),
        Name = "llm-call",
        Metadata = new Dictionary<string, string> { ["k"] = "v", ["n"] = "42" },
        Level = "WARNING",
        StatusMessage = "slow",
        Version = "2",
        Input = """[{"role":"user","content":"hi"}]""",
        Output = """{"role":"assistant","content":"hello"}""",
        ProvidedModelName = "gpt-4o",
        InternalModelId = "model-gpt-4o",
        ModelParameters = """{"temperature":0.2}""",
        ProvidedUsageDetails = new Dictionary<string, long> { ["input"] = 10, ["output"] = 20 },
        UsageDetails = new Dictionary<string, long> { ["input"] = 10, ["output"] = 20, ["total"] = 30, ["huge"] = long.MaxValue },
        ProvidedCostDetails = new Dictionary<string, decimal> { ["total"] = 0.5m },
        CostDetails = new Dictionary<string, decimal> { ["input"] = 0.000000000001m, ["output"] = 123456.123456789012m, ["total"] = 123456.123456789013m },
        TotalCost = 123456.123456789013m,
        UsagePricingTierId = "tier-1",
        UsagePricingTierName = "Standard",
        PromptId = "prompt-1",
        PromptName = "greeting",
        PromptVersion = 3,
        Environment = "production",
        CreatedAt = T0.AddSeconds(1),
        UpdatedAt = T0.AddSeconds(2),
    };

    protected static ObservationRecord MinimalObservation(string projectId, string id, string traceId, DateTime? start = null) => new()
    {
        ProjectId = projectId,
        Id = id,
        TraceId = traceId,
        Type = "SPAN",
        StartTime = start ?? T0,
        Environment = "default",
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    protected static ScoreRecord FullScore(string projectId, string id, string? traceId = "trace-1", string? observationId = "obs-1", DateTime? timestamp = null) => new()
    {
        ProjectId = projectId,
        Id = id,
        Timestamp = timestamp ?? T0,
        Name = "accuracy",
        TraceId = traceId,
        ObservationId = observationId,
        SessionId = "session-1",
        DatasetRunId = "run-1",
        Value = 0.875,
        StringValue = "good",
        Source = "ANNOTATION",
        DataType = "CATEGORICAL",
        Comment = "checked by hand",
        Metadata = new Dictionary<string, string> { ["reviewer"] = "ann" },
        AuthorUserId = "user-9",
        ConfigId = "config-1",
        QueueId = "queue-1",
        Environment = "production",
        CreatedAt = T0.AddSeconds(1),
        UpdatedAt = T0.AddSeconds(2),
    };

    protected static ScoreRecord MinimalScore(string projectId, string id, string? traceId, DateTime? timestamp = null) => new()
    {
        ProjectId = projectId,
        Id = id,
        Timestamp = timestamp ?? T0,
        Name = "note",
        TraceId = traceId,
        Environment = "default",
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    protected static AnalyticsBatch Batch(IReadOnlyList<TraceRecord>? traces = null, IReadOnlyList<ObservationRecord>? observations = null, IReadOnlyList<ScoreRecord>? scores = null) =>
        new(traces ?? [], observations ?? [], scores ?? []);

    private static readonly Dictionary<string, string> NoStrings = [];
    private static readonly Dictionary<string, long> NoLongs = [];
    private static readonly Dictionary<string, decimal> NoDecimals = [];

    // Records compare dictionaries and lists by reference and DateTime ignores Kind, so the collections and kinds
    // are compared on their own and the rest with record equality.
    protected static void AssertSame(TraceRecord expected, TraceRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Metadata, actual.Metadata);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected with { Metadata = NoStrings, Tags = [] }, actual with { Metadata = NoStrings, Tags = [] });
        Assert.All([actual.Timestamp, actual.CreatedAt, actual.UpdatedAt], t => Assert.Equal(DateTimeKind.Utc, t.Kind));
    }

    protected static void AssertSame(ObservationRecord expected, ObservationRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Metadata, actual.Metadata);
        Assert.Equal(expected.ProvidedUsageDetails, actual.ProvidedUsageDetails);
        Assert.Equal(expected.UsageDetails, actual.UsageDetails);
        Assert.Equal(expected.ProvidedCostDetails, actual.ProvidedCostDetails);
        Assert.Equal(expected.CostDetails, actual.CostDetails);
        Assert.Equal(Blank(expected), Blank(actual));
        Assert.All([actual.StartTime, actual.EndTime, actual.CompletionStartTime, actual.CreatedAt, actual.UpdatedAt],
            t => Assert.True(t is null || t.Value.Kind == DateTimeKind.Utc));

        static ObservationRecord Blank(ObservationRecord o) => o with
        {
            Metadata = NoStrings,
            ProvidedUsageDetails = NoLongs,
            UsageDetails = NoLongs,
            ProvidedCostDetails = NoDecimals,
            CostDetails = NoDecimals,
        };
    }

    protected static void AssertSame(ScoreRecord expected, ScoreRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Metadata, actual.Metadata);
        Assert.Equal(expected with { Metadata = NoStrings }, actual with { Metadata = NoStrings });
        Assert.All([actual.Timestamp, actual.CreatedAt, actual.UpdatedAt], t => Assert.Equal(DateTimeKind.Utc, t.Kind));
    }

    [Fact]
    public async Task WriteAsync_TraceWithEveryField_ReadsBackEveryField()
    {
        var store = await OpenAsync();
        var project = NewProject();
        var full = FullTrace(project, "t-full");
        var minimal = MinimalTrace(project, "t-min");

        await store.Writer.WriteAsync(Batch(traces: [full, minimal]), CancellationToken.None);

        var read = await store.Writer.GetTracesAsync([new(project, "t-full"), new(project, "t-min")], CancellationToken.None);
        AssertSame(full, read.SingleOrDefault(t => t.Id == "t-full"));
        AssertSame(minimal, read.SingleOrDefault(t => t.Id == "t-min"));
        AssertSame(full, await store.Queries.GetTraceAsync(project, "t-full", CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_ObservationWithEveryField_ReadsBackEveryFieldIncludingMapsAndDecimals()
    {
        var store = await OpenAsync();
        var project = NewProject();
        var full = FullObservation(project, "o-full", "trace-1");
        var minimal = MinimalObservation(project, "o-min", "trace-1");

        await store.Writer.WriteAsync(Batch(observations: [full, minimal]), CancellationToken.None);

        var read = await store.Writer.GetObservationsAsync([new(project, "o-full"), new(project, "o-min")], CancellationToken.None);
        AssertSame(full, read.SingleOrDefault(o => o.Id == "o-full"));
        AssertSame(minimal, read.SingleOrDefault(o => o.Id == "o-min"));
        AssertSame(full, await store.Queries.GetObservationAsync(project, "o-full", CancellationToken.None));
        Assert.Null((await store.Queries.GetObservationAsync(project, "o-min", CancellationToken.None))!.TotalCost);
    }

    [Fact]
    public async Task WriteAsync_ScoreWithEveryField_ReadsBackEveryField()
    {
        var store = await OpenAsync();
        var project = NewProject();
        var full = FullScore(project, "s-full");
        var minimal = MinimalScore(project, "s-min", traceId: null);

        await store.Writer.WriteAsync(Batch(scores: [full, minimal]), CancellationToken.None);

        var read = await store.Writer.GetScoresAsync([new(project, "s-full"), new(project, "s-min")], CancellationToken.None);
        AssertSame(full, read.SingleOrDefault(s => s.Id == "s-full"));
        AssertSame(minimal, read.SingleOrDefault(s => s.Id == "s-min"));
    }

    [Fact]
    public async Task WriteAsync_SameKeysAgainWithNewValues_ReplacesTheRows()
    {
        var store = await OpenAsync();
        var project = NewProject();
        await store.Writer.WriteAsync(Batch([FullTrace(project, "t")], [FullObservation(project, "o", "t")], [FullScore(project, "s", "t")]), CancellationToken.None);
        var trace = MinimalTrace(project, "t") with { Name = "renamed", Tags = ["only"] };
        var observation = MinimalObservation(project, "o", "t") with { Level = "ERROR" };
        var score = MinimalScore(project, "s", "t") with { Value = 1 };

        await store.Writer.WriteAsync(Batch([trace], [observation], [score]), CancellationToken.None);

        AssertSame(trace, Assert.Single(await store.Writer.GetTracesAsync([new(project, "t")], CancellationToken.None)));
        AssertSame(observation, Assert.Single(await store.Queries.GetObservationsOfTraceAsync(project, "t", CancellationToken.None)));
        AssertSame(score, Assert.Single(await store.Queries.GetScoresOfTraceAsync(project, "t", CancellationToken.None)));
    }

    [Fact]
    public async Task GetTraceTreeAsync_ReturnsTheTraceWithWhatWasAskedFor()
    {
        var store = await OpenAsync();
        var project = NewProject();
        var trace = FullTrace(project, "t");
        var observation = FullObservation(project, "o", "t");
        var score = FullScore(project, "s", "t", observationId: "o");
        await store.Writer.WriteAsync(Batch([trace], [observation], [score]), CancellationToken.None);

        var all = await store.Queries.GetTraceTreeAsync(project, "t", observations: true, scores: true, CancellationToken.None);
        var bare = await store.Queries.GetTraceTreeAsync(project, "t", observations: false, scores: false, CancellationToken.None);

        Assert.NotNull(all);
        AssertSame(trace, all.Trace);
        AssertSame(observation, Assert.Single(all.Observations));
        AssertSame(score, Assert.Single(all.Scores));
        Assert.NotNull(bare);
        Assert.Empty(bare.Observations);
        Assert.Empty(bare.Scores);
        Assert.Null(await store.Queries.GetTraceTreeAsync(project, "missing", observations: true, scores: true, CancellationToken.None));
        Assert.Null(await store.Queries.GetTraceTreeAsync(NewProject(), "t", observations: true, scores: true, CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_SameBatchTwice_LeavesOneRowPerKey()
    {
        var store = await OpenAsync();
        var project = NewProject();
        var batch = Batch(
            [FullTrace(project, "t")],
            [FullObservation(project, "o1", "t"), FullObservation(project, "o2", "t", T0.AddSeconds(1))],
            [FullScore(project, "s", "t", "o1")]);

        await store.Writer.WriteAsync(batch, CancellationToken.None);
        await store.Writer.WriteAsync(batch, CancellationToken.None);

        Assert.Single(await store.Writer.GetTracesAsync([new(project, "t")], CancellationToken.None));
        Assert.Equal(["o1", "o2"], (await store.Queries.GetObservationsOfTraceAsync(project, "t", CancellationToken.None)).Select(o => o.Id));
        Assert.Single(await store.Queries.GetScoresOfTraceAsync(project, "t", CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_KeyTwiceInOneBatch_KeepsTheLaterRow()
    {
        var store = await OpenAsync();
        var project = NewProject();
        var later = MinimalObservation(project, "o", "t") with { Name = "later" };

        await store.Writer.WriteAsync(Batch(observations: [MinimalObservation(project, "o", "t") with { Name = "earlier" }, later]), CancellationToken.None);

        AssertSame(later, Assert.Single(await store.Writer.GetObservationsAsync([new(project, "o")], CancellationToken.None)));
    }

    [Fact]
    public async Task WriteAsync_SameIdInTwoProjects_KeepsTwoRowsAndReadsNeverCross()
    {
        var store = await OpenAsync();
        var (a, b) = (NewProject(), NewProject());
        var traceA = MinimalTrace(a, "t") with { Name = "A" };
        var traceB = MinimalTrace(b, "t") with { Name = "B" };
        var obsA = MinimalObservation(a, "o", "t") with { Name = "A" };
        var obsB = MinimalObservation(b, "o", "t") with { Name = "B" };
        var scoreA = MinimalScore(a, "s", "t") with { Comment = "A" };
        var scoreB = MinimalScore(b, "s", "t") with { Comment = "B" };

        await store.Writer.WriteAsync(Batch([traceA, traceB], [obsA, obsB], [scoreA, scoreB]), CancellationToken.None);
        await store.Writer.WriteAsync(Batch([traceA with { Name = "A2" }]), CancellationToken.None);

        Assert.Equal(["A2", "B"], (await store.Writer.GetTracesAsync([new(a, "t"), new(b, "t")], CancellationToken.None)).Select(t => t.Name).Order());
        Assert.Equal("B", (await store.Queries.GetTraceAsync(b, "t", CancellationToken.None))?.Name);
        Assert.Equal("A", Assert.Single(await store.Queries.GetObservationsOfTraceAsync(a, "t", CancellationToken.None)).Name);
        Assert.Equal("B", (await store.Queries.GetObservationAsync(b, "o", CancellationToken.None))?.Name);
        Assert.Equal("B", Assert.Single(await store.Writer.GetObservationsAsync([new(b, "o")], CancellationToken.None)).Name);
        Assert.Equal("A", Assert.Single(await store.Queries.GetScoresOfTraceAsync(a, "t", CancellationToken.None)).Comment);
        Assert.Equal("B", Assert.Single(await store.Writer.GetScoresAsync([new(b, "s")], CancellationToken.None)).Comment);
        Assert.Empty(await store.Writer.GetTracesAsync([new(NewProject(), "t")], CancellationToken.None));
    }

    [Fact]
    public async Task GetObservationsOfTraceAsync_ObservationsWrittenOutOfOrder_ReturnsThemByStartTime()
    {
        var store = await OpenAsync();
        var project = NewProject();
        await store.Writer.WriteAsync(Batch(observations:
        [
            MinimalObservation(project, "third", "t", T0.AddMilliseconds(2)),
            MinimalObservation(project, "first", "t", T0.AddSeconds(-5)),
            MinimalObservation(project, "other-trace", "t2", T0),
        ]), CancellationToken.None);
        await store.Writer.WriteAsync(Batch(observations: [MinimalObservation(project, "second", "t", T0.AddMilliseconds(1))]), CancellationToken.None);

        var observations = await store.Queries.GetObservationsOfTraceAsync(project, "t", CancellationToken.None);

        Assert.Equal(["first", "second", "third"], observations.Select(o => o.Id));
    }

    [Fact]
    public async Task GetScoresOfTraceAsync_TraceAndObservationScores_ReturnsBothByTimestamp()
    {
        var store = await OpenAsync();
        var project = NewProject();
        await store.Writer.WriteAsync(Batch(
            [MinimalTrace(project, "t")],
            [MinimalObservation(project, "o", "t"), MinimalObservation(project, "o-elsewhere", "t2")],
            [
                FullScore(project, "on-observation", traceId: "t", observationId: "o", timestamp: T0.AddSeconds(3)),
                FullScore(project, "on-observation-only", traceId: null, observationId: "o", timestamp: T0.AddSeconds(2)),
                FullScore(project, "on-trace", traceId: "t", observationId: null, timestamp: T0.AddSeconds(1)),
                FullScore(project, "on-other-trace", traceId: "t2", observationId: "o-elsewhere", timestamp: T0),
            ]), CancellationToken.None);

        var scores = await store.Queries.GetScoresOfTraceAsync(project, "t", CancellationToken.None);

        Assert.Equal(["on-trace", "on-observation-only", "on-observation"], scores.Select(s => s.Id));
    }

    [Fact]
    public async Task GetTraceTreeAsync_ScoresOnTheTraceOrOnlyOnItsObservations_AreInTheTreeWithOrWithoutObservations()
    {
        var store = await OpenAsync();
        var project = NewProject();
        await store.Writer.WriteAsync(Batch(
            [MinimalTrace(project, "t"), MinimalTrace(project, "t2")],
            [MinimalObservation(project, "o", "t"), MinimalObservation(project, "o-elsewhere", "t2")],
            [
                FullScore(project, "on-observation", traceId: "t", observationId: "o", timestamp: T0.AddSeconds(3)),
                FullScore(project, "on-observation-only", traceId: null, observationId: "o", timestamp: T0.AddSeconds(2)),
                FullScore(project, "on-trace", traceId: "t", observationId: null, timestamp: T0.AddSeconds(1)),
                FullScore(project, "on-other-trace", traceId: "t2", observationId: "o-elsewhere", timestamp: T0),
                FullScore(project, "on-other-observation-only", traceId: null, observationId: "o-elsewhere", timestamp: T0),
            ]), CancellationToken.None);

        var full = await store.Queries.GetTraceTreeAsync(project, "t", observations: true, scores: true, CancellationToken.None);
        var scoresOnly = await store.Queries.GetTraceTreeAsync(project, "t", observations: false, scores: true, CancellationToken.None);
        var other = await store.Queries.GetTraceTreeAsync(project, "t2", observations: true, scores: true, CancellationToken.None);

        Assert.Equal(["on-trace", "on-observation-only", "on-observation"], full!.Scores.Select(s => s.Id));
        Assert.Equal(["o"], full.Observations.Select(o => o.Id));
        Assert.Equal(["on-trace", "on-observation-only", "on-observation"], scoresOnly!.Scores.Select(s => s.Id));
        Assert.Empty(scoresOnly.Observations);
        Assert.Equal(["on-other-observation-only", "on-other-trace"], other!.Scores.Select(s => s.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetTraceTreeAsync_ObservationsUpToTwoDaysEitherSideOfTheTrace_AreAllInTheTree()
    {
        var store = await OpenAsync();
        var project = NewProject();
        await store.Writer.WriteAsync(Batch(
            [MinimalTrace(project, "t"), MinimalTrace(project, "t2")],
            [
                MinimalObservation(project, "late", "t", T0 + TraceTree.ObservationWindow),
                MinimalObservation(project, "early", "t", T0 - TraceTree.ObservationWindow),
                MinimalObservation(project, "at", "t", T0),
                MinimalObservation(project, "day-before", "t", T0.AddDays(-1)),
                MinimalObservation(project, "other-trace", "t2", T0),
            ]), CancellationToken.None);

        var tree = await store.Queries.GetTraceTreeAsync(project, "t", observations: true, scores: true, CancellationToken.None);

        Assert.Equal(["early", "day-before", "at", "late"], tree!.Observations.Select(o => o.Id));
    }

    [Fact]
    public async Task GetTraceTreeAsync_NoObservationNearTheTraceTimestamp_StillReadsThemAll()
    {
        var store = await OpenAsync();
        var project = NewProject();
        await store.Writer.WriteAsync(Batch(
            [MinimalTrace(project, "t")],
            [MinimalObservation(project, "month-after", "t", T0.AddDays(30)), MinimalObservation(project, "year-before", "t", T0.AddYears(-1))],
            [MinimalScore(project, "s", "t")]), CancellationToken.None);

        var tree = await store.Queries.GetTraceTreeAsync(project, "t", observations: true, scores: true, CancellationToken.None);

        Assert.Equal(["year-before", "month-after"], tree!.Observations.Select(o => o.Id));
        Assert.Equal(["s"], tree.Scores.Select(s => s.Id));
    }

    [Fact]
    public async Task ScoresOfTrace_AScoreNamingAnotherTraceAndAnObservationOfThisOne_BelongsToTheTraceItNames()
    {
        var store = await OpenAsync();
        var project = NewProject();
        await store.Writer.WriteAsync(Batch(
            [MinimalTrace(project, "t"), MinimalTrace(project, "t2")],
            [MinimalObservation(project, "o", "t"), MinimalObservation(project, "o2", "t2")],
            [
                FullScore(project, "names-t2", traceId: "t2", observationId: "o", timestamp: T0),
                FullScore(project, "names-o-only", traceId: null, observationId: "o", timestamp: T0.AddSeconds(1)),
            ]), CancellationToken.None);

        var tree = await store.Queries.GetTraceTreeAsync(project, "t", observations: true, scores: true, CancellationToken.None);
        var other = await store.Queries.GetTraceTreeAsync(project, "t2", observations: true, scores: true, CancellationToken.None);

        Assert.Equal(["names-o-only"], tree!.Scores.Select(s => s.Id));
        Assert.Equal(["names-o-only"], (await store.Queries.GetScoresOfTraceAsync(project, "t", CancellationToken.None)).Select(s => s.Id));
        Assert.Equal(["names-t2"], other!.Scores.Select(s => s.Id));
        Assert.Equal(["names-t2"], (await store.Queries.GetScoresOfTraceAsync(project, "t2", CancellationToken.None)).Select(s => s.Id));
    }

    [Fact]
    public async Task Reads_MissingKeys_AreAbsent()
    {
        var store = await OpenAsync();
        var project = NewProject();
        await store.Writer.WriteAsync(Batch([MinimalTrace(project, "t")], [MinimalObservation(project, "o", "t")], [MinimalScore(project, "s", "t")]), CancellationToken.None);

        Assert.Equal(["t"], (await store.Writer.GetTracesAsync([new(project, "t"), new(project, "nope")], CancellationToken.None)).Select(t => t.Id));
        Assert.Empty(await store.Writer.GetObservationsAsync([new(project, "nope")], CancellationToken.None));
        Assert.Empty(await store.Writer.GetScoresAsync([new(project, "nope"), new(NewProject(), "s")], CancellationToken.None));
        Assert.Empty(await store.Writer.GetTracesAsync([], CancellationToken.None));
        Assert.Null(await store.Queries.GetTraceAsync(project, "nope", CancellationToken.None));
        Assert.Null(await store.Queries.GetObservationAsync(project, "nope", CancellationToken.None));
        Assert.Empty(await store.Queries.GetObservationsOfTraceAsync(project, "nope", CancellationToken.None));
        Assert.Empty(await store.Queries.GetScoresOfTraceAsync(project, "nope", CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_BatchOfThousands_IsReadableInOneLookup()
    {
        var store = await OpenAsync();
        var project = NewProject();
        var observations = Enumerable.Range(0, 3000).Select(i => FullObservation(project, $"o{i}", $"t{i % 10}", T0.AddMilliseconds(i))).ToList();

        await store.Writer.WriteAsync(Batch(observations: observations), CancellationToken.None);
        await store.Writer.WriteAsync(Batch(observations: observations.Take(1500).Select(o => o with { Name = "again" }).ToList()), CancellationToken.None);

        var read = await store.Writer.GetObservationsAsync(observations.Select(o => new EntityKey(project, o.Id)).ToList(), CancellationToken.None);
        Assert.Equal(3000, read.Count);
        Assert.Equal(1500, read.Count(o => o.Name == "again"));
        Assert.Equal(300, (await store.Queries.GetObservationsOfTraceAsync(project, "t3", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task InitializeAsync_RunAgain_KeepsDataAndChangesNothing()
    {
        var store = await OpenAsync();
        var project = NewProject();
        var trace = FullTrace(project, "t");
        await store.Writer.WriteAsync(Batch([trace]), CancellationToken.None);

        await store.Initializer.InitializeAsync(CancellationToken.None);
        await store.Initializer.InitializeAsync(CancellationToken.None);

        AssertSame(trace, await store.Queries.GetTraceAsync(project, "t", CancellationToken.None));
    }

    [Fact]
    public async Task OpenStore_AfterDispose_SeesEverythingWrittenBefore()
    {
        var first = await OpenAsync();
        var project = NewProject();
        var trace = FullTrace(project, "t");
        var observation = FullObservation(project, "o", "t");
        var score = FullScore(project, "s", "t", "o");
        await first.Writer.WriteAsync(Batch([trace], [observation], [score]), CancellationToken.None);
        await first.Owner.DisposeAsync();

        var second = await OpenAsync();

        AssertSame(trace, await second.Queries.GetTraceAsync(project, "t", CancellationToken.None));
        AssertSame(observation, await second.Queries.GetObservationAsync(project, "o", CancellationToken.None));
        AssertSame(score, Assert.Single(await second.Queries.GetScoresOfTraceAsync(project, "t", CancellationToken.None)));
    }

    [Fact]
    public async Task WriteAsync_ConcurrentBatchesOnTheSameKeys_LeaveOneRowPerKey()
    {
        var store = await OpenAsync();
        var project = NewProject();
        var writes = Enumerable.Range(0, 8).Select(n => Task.Run(() => store.Writer.WriteAsync(
            Batch(observations: Enumerable.Range(0, 50).Select(i => MinimalObservation(project, $"o{i}", "t") with { Name = $"w{n}" }).ToList()),
            CancellationToken.None)));
        var reads = Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.Queries.GetObservationsOfTraceAsync(project, "t", CancellationToken.None)));

        await Task.WhenAll(writes.Concat<Task>(reads));

        var rows = await store.Queries.GetObservationsOfTraceAsync(project, "t", CancellationToken.None);
        Assert.Equal(50, rows.Count);
        Assert.Equal(50, rows.Select(o => o.Id).Distinct().Count());
    }
}
