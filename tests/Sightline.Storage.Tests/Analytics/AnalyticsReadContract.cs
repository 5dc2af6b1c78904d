using Sightline.Api;
using Sightline.Metrics;
using Sightline.Tracing;

namespace Sightline.Storage.Tests;

/// <summary>
/// The read API ports every analytics store must implement alike (DuckDB embedded, ClickHouse at scale): list
/// filters, ordering, counts, cursors, derived sessions, deletion and metrics, on a small known dataset written to
/// two projects that reuse the same ids. A subclass opens a fresh store with its schema initialized.
/// </summary>
public abstract class AnalyticsReadContract : IAsyncLifetime
{
    protected static readonly DateTime T0 = new(2026, 2, 10, 8, 0, 0, DateTimeKind.Utc);
    private const string P = "project-p";
    private const string Q = "project-q";

    protected sealed record ReadStore(
        IAnalyticsWriter Writer, ITraceQueries Queries, ITraceSearch Traces, IObservationSearch Observations, ISessionQueries Sessions,
        ITraceDeletion Deletion, IMetricsQueries Metrics, IAsyncDisposable Owner);

    private ReadStore _store = null!;

    protected abstract Task<ReadStore> OpenStoreAsync();

    public async Task InitializeAsync()
    {
        _store = await OpenStoreAsync();
        await _store.Writer.WriteAsync(Dataset(P, "p"), CancellationToken.None);
        await _store.Writer.WriteAsync(Dataset(Q, "q"), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _store.Owner.DisposeAsync();

    // Three traces over two hours; T1 has a generation and a child span, T2 a generation with a score that names
    // only the observation. The other project gets the same ids with its own names.
    private static AnalyticsBatch Dataset(string project, string marker) => new(
        [
            Trace(project, "T1", T0, $"{marker}-a", "u1", "s1", ["x", "y"], "prod", "r1", "v1", T0.AddMinutes(5)),
            Trace(project, "T2", T0.AddHours(1), $"{marker}-b", "u2", "s1", ["x"], "dev", "r2", "v1", T0.AddMinutes(1)),
            Trace(project, "T3", T0.AddHours(2), $"{marker}-a", null, null, [], "prod", null, null, T0.AddMinutes(9)),
        ],
        [
            Observation(project, "O1", "T1", T0, T0.AddSeconds(2), "GENERATION", null, "m1", "DEFAULT", "prod",
                new() { ["input"] = 10, ["input_cached"] = 3, ["output"] = 5, ["total"] = 18 }, new() { ["input"] = 0.2m, ["output"] = 0.3m, ["total"] = 0.5m }),
            Observation(project, "O2", "T1", T0.AddSeconds(1), null, "SPAN", "O1", null, "ERROR", "prod", [], []),
            Observation(project, "O3", "T2", T0.AddHours(1), T0.AddHours(1).AddMilliseconds(500), "GENERATION", null, "m2", "DEFAULT", "dev",
                new() { ["input"] = 4, ["output"] = 1, ["total"] = 5 }, new() { ["total"] = 0.25m }),
        ],
        [
            Score(project, "S1", "T1", null, T0.AddSeconds(3), 1),
            Score(project, "S2", null, "O3", T0.AddHours(1).AddSeconds(3), 0.5),
        ]);

    private static TraceRecord Trace(string project, string id, DateTime timestamp, string name, string? user, string? session, string[] tags, string environment,
        string? release, string? version, DateTime createdAt) => new()
        {
            ProjectId = project,
            Id = id,
            Timestamp = timestamp,
            Name = name,
            UserId = user,
            SessionId = session,
            Tags = tags,
            Environment = environment,
            Release = release,
            Version = version,
            Metadata = new Dictionary<string, string> { ["tier"] = id == "T1" ? "gold" : "free" },
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };

    private static ObservationRecord Observation(string project, string id, string traceId, DateTime start, DateTime? end, string type, string? parent, string? model,
        string level, string environment, Dictionary<string, long> usage, Dictionary<string, decimal> cost) => new()
        {
            ProjectId = project,
            Id = id,
            TraceId = traceId,
            StartTime = start,
            EndTime = end,
            Type = type,
            ParentObservationId = parent,
            ProvidedModelName = model,
            Name = id.ToLowerInvariant(),
            Level = level,
            Environment = environment,
            UsageDetails = usage,
            CostDetails = cost,
            TotalCost = cost.TryGetValue("total", out var total) ? total : null,
            CreatedAt = start,
            UpdatedAt = start,
        };

    private static ScoreRecord Score(string project, string id, string? traceId, string? observationId, DateTime timestamp, double value) => new()
    {
        ProjectId = project,
        Id = id,
        TraceId = traceId,
        ObservationId = observationId,
        Timestamp = timestamp,
        Name = "quality",
        Value = value,
        Environment = "prod",
        CreatedAt = timestamp,
        UpdatedAt = timestamp,
    };

    private Task<ResultPage<TraceListItem>> TracesAsync(Func<TraceListQuery, TraceListQuery> shape, string project = P) =>
        _store.Traces.ListTracesAsync(shape(new TraceListQuery { ProjectId = project }), CancellationToken.None);

    public static TheoryData<string, string> TraceFilters => new()
    {
        { "none", "T3,T2,T1" },
        { "user u1", "T1" },
        { "name p-a", "T3,T1" },
        { "session s1", "T2,T1" },
        { "from T0+1h", "T3,T2" },
        { "to T0+1h", "T1" },
        { "tags x", "T2,T1" },
        { "tags x y", "T1" },
        { "env prod", "T3,T1" },
        { "env prod dev", "T3,T2,T1" },
        { "release r2", "T2" },
        { "version v1", "T2,T1" },
        { "name other", "" },
    };

    [Theory]
    [MemberData(nameof(TraceFilters))]
    public async Task ListTraces_Filter_ReturnsTheMatchesAndCountsThem(string filter, string expected)
    {
        var page = await TracesAsync(q => filter switch
        {
            "user u1" => q with { UserId = "u1" },
            "name p-a" => q with { Name = "p-a" },
            "session s1" => q with { SessionId = "s1" },
            "from T0+1h" => q with { FromTimestamp = T0.AddHours(1) },
            "to T0+1h" => q with { ToTimestamp = T0.AddHours(1) },
            "tags x" => q with { Tags = ["x"] },
            "tags x y" => q with { Tags = ["y", "x"] },
            "env prod" => q with { Environments = ["prod"] },
            "env prod dev" => q with { Environments = ["prod", "dev"] },
            "release r2" => q with { Release = "r2" },
            "version v1" => q with { Version = "v1" },
            "name other" => q with { Name = "q-a" },
            _ => q,
        });

        var ids = expected.Split(',', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ids, page.Items.Select(i => i.Trace.Id));
        Assert.Equal(ids.Length, page.TotalItems);
        Assert.All(page.Items, i => Assert.Equal(P, i.Trace.ProjectId));
    }

    [Theory]
    [InlineData(TraceSortColumn.Timestamp, false, "T1,T2,T3")]
    [InlineData(TraceSortColumn.Name, false, "T1,T3,T2")]
    [InlineData(TraceSortColumn.Name, true, "T2,T3,T1")]
    [InlineData(TraceSortColumn.UserId, false, "T1,T2,T3")]
    [InlineData(TraceSortColumn.UserId, true, "T2,T1,T3")]
    [InlineData(TraceSortColumn.Id, true, "T3,T2,T1")]
    public async Task ListTraces_Order_SortsNullsLastAndBreaksTiesById(TraceSortColumn column, bool descending, string expected)
    {
        var page = await TracesAsync(q => q with { OrderBy = new TraceOrder(column, descending) });

        Assert.Equal(expected.Split(','), page.Items.Select(i => i.Trace.Id));
    }

    [Fact]
    public async Task ListTraces_Paging_SkipsWholePagesAndKeepsTheTotal()
    {
        var second = await TracesAsync(q => q with { Limit = 2, Page = 2 });
        var beyond = await TracesAsync(q => q with { Limit = 2, Page = 3 });

        Assert.Equal(["T1"], second.Items.Select(i => i.Trace.Id));
        Assert.Equal(3, second.TotalItems);
        Assert.Empty(beyond.Items);
        Assert.Equal(3, beyond.TotalItems);
    }

    [Fact]
    public async Task ListTraces_ObservationsOfThePage_CountFromAnHourBeforeItsOldestTraceToTheReadWindowAfterItsNewest()
    {
        const string project = "project-window";
        var newest = T0.AddHours(1);
        Dictionary<string, decimal> Cost(decimal total) => new() { ["total"] = total };
        await _store.Writer.WriteAsync(new AnalyticsBatch(
            [
                Trace(project, "TA", T0, "a", null, "sw", [], "prod", null, null, T0),
                Trace(project, "TB", newest, "b", null, "sw", [], "prod", null, null, newest),
            ],
            [
                Observation(project, "too-early", "TA", T0.AddHours(-2), null, "SPAN", null, null, "DEFAULT", "prod", [], Cost(1m)),
                Observation(project, "early", "TA", T0.AddMinutes(-30), null, "SPAN", null, null, "DEFAULT", "prod", [], Cost(0.4m)),
                Observation(project, "near", "TA", T0.AddMinutes(1), null, "SPAN", null, null, "DEFAULT", "prod", [], Cost(0.1m)),
                Observation(project, "last-counted", "TA", newest + TraceTree.ObservationWindow, null, "SPAN", null, null, "DEFAULT", "prod", [], Cost(0.2m)),
                Observation(project, "too-late", "TA", newest + TraceTree.ObservationWindow + TimeSpan.FromMinutes(1), null, "SPAN", null, null, "DEFAULT", "prod", [], Cost(2m)),
            ],
            []), CancellationToken.None);

        var page = await TracesAsync(q => q with { SessionId = "sw" }, project);

        var ta = page.Items.Single(i => i.Trace.Id == "TA");
        Assert.Equal(["early", "near", "last-counted"], ta.ObservationIds);
        Assert.Equal(0.7m, ta.TotalCost);
    }

    [Fact]
    public async Task ListTraces_WithEveryField_ComputesObservationIdsLatencyCostAndScores()
    {
        var page = await TracesAsync(q => q);
        var lean = await TracesAsync(q => q with { Fields = TraceFields.None });

        var t1 = page.Items.Single(i => i.Trace.Id == "T1");
        Assert.Equal(["O1", "O2"], t1.ObservationIds);
        Assert.Equal(["S1"], t1.ScoreIds);
        Assert.Equal(2.0, t1.Latency, 3);
        Assert.Equal(0.5m, t1.TotalCost);
        var t2 = page.Items.Single(i => i.Trace.Id == "T2");
        Assert.Equal((0.5, 0.25m), (t2.Latency, t2.TotalCost));
        Assert.Empty(t2.ScoreIds);
        Assert.Equal((0.0, 0m), (page.Items.Single(i => i.Trace.Id == "T3").Latency, page.Items.Single(i => i.Trace.Id == "T3").TotalCost));
        Assert.All(lean.Items, i => Assert.Empty(i.ObservationIds));
        Assert.Equal("gold", t1.Trace.Metadata["tier"]);
    }

    [Fact]
    public async Task ListObservations_Filters_IncludingTheTracesUserAndSession()
    {
        async Task<string> Ids(ObservationFilter filter)
        {
            var page = await _store.Observations.ListObservationsAsync(P, filter, 1, 50, CancellationToken.None);
            Assert.Equal(page.Items.Count, page.TotalItems);
            return string.Join(",", page.Items.Select(o => o.Id));
        }

        Assert.Equal("O3,O2,O1", await Ids(new ObservationFilter()));
        Assert.Equal("O2,O1", await Ids(new ObservationFilter { UserId = "u1" }));
        Assert.Equal("O3,O2,O1", await Ids(new ObservationFilter { SessionId = "s1" }));
        Assert.Equal("O3", await Ids(new ObservationFilter { SessionId = "s1", Environments = ["dev"] }));
        Assert.Equal("O3,O1", await Ids(new ObservationFilter { Type = "GENERATION" }));
        Assert.Equal("O2", await Ids(new ObservationFilter { ParentObservationId = "O1", Level = "ERROR", TraceId = "T1" }));
        Assert.Equal("O2", await Ids(new ObservationFilter { FromStartTime = T0.AddSeconds(1), ToStartTime = T0.AddHours(1) }));
        Assert.Equal("O3,O1", await Ids(new ObservationFilter { IsRoot = true }));
        Assert.Equal("", await Ids(new ObservationFilter { UserId = "nobody" }));
    }

    [Fact]
    public async Task ListObservationsAfter_Cursor_WalksEveryObservationOnce_WithTraceContext()
    {
        var first = await _store.Observations.ListObservationsAfterAsync(P, new ObservationFilter(), null, 2, CancellationToken.None);
        var last = first[^1].Observation;
        var rest = await _store.Observations.ListObservationsAfterAsync(P, new ObservationFilter(), new ObservationCursor(last.StartTime, last.TraceId, last.Id), 2, CancellationToken.None);

        Assert.Equal(["O3", "O2"], first.Select(r => r.Observation.Id));
        Assert.Equal(["O1"], rest.Select(r => r.Observation.Id));
        Assert.Equal(("p-b", "u2", "s1"), (first[0].Trace!.Name, first[0].Trace!.UserId, first[0].Trace!.SessionId));
        Assert.Equal(["x", "y"], rest[0].Trace!.Tags);
    }

    [Fact]
    public async Task Sessions_AreDerivedFromTraces_WithTheFirstTracesCreationAndEnvironment()
    {
        var all = await _store.Sessions.ListSessionsAsync(new SessionListQuery { ProjectId = P }, CancellationToken.None);
        var none = await _store.Sessions.ListSessionsAsync(new SessionListQuery { ProjectId = P, FromTimestamp = T0.AddMinutes(2) }, CancellationToken.None);
        var prod = await _store.Sessions.ListSessionsAsync(new SessionListQuery { ProjectId = P, Environments = ["prod"] }, CancellationToken.None);
        var traces = await _store.Sessions.GetTracesOfSessionAsync(P, "s1", CancellationToken.None);

        var session = Assert.Single(all.Items);
        Assert.Equal(new SessionRecord("s1", P, T0.AddMinutes(1), "dev"), session);
        Assert.Equal(1, all.TotalItems);
        Assert.Empty(none.Items);
        Assert.Equal(0, prod.TotalItems);
        Assert.Equal(["T1", "T2"], traces.Select(t => t.Id));
        Assert.Empty(await _store.Sessions.GetTracesOfSessionAsync(P, "s9", CancellationToken.None));
    }

    [Fact]
    public async Task SessionExists_OnlyForASessionNamedByATraceOfThatProject()
    {
        Assert.True(await _store.Sessions.SessionExistsAsync(P, "s1", CancellationToken.None));
        Assert.False(await _store.Sessions.SessionExistsAsync(P, "s9", CancellationToken.None));
        Assert.False(await _store.Sessions.SessionExistsAsync("project-r", "s1", CancellationToken.None));

        await _store.Deletion.DeleteTracesAsync(P, ["T1", "T2"], CancellationToken.None);

        Assert.False(await _store.Sessions.SessionExistsAsync(P, "s1", CancellationToken.None));
        Assert.True(await _store.Sessions.SessionExistsAsync(Q, "s1", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteTraces_RemovesTracesObservationsAndScores_OfThatProjectOnly()
    {
        var deleted = await _store.Deletion.DeleteTracesAsync(P, ["T2", "T9"], CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Equal(["T3", "T1"], (await TracesAsync(q => q)).Items.Select(i => i.Trace.Id));
        Assert.Null(await _store.Queries.GetObservationAsync(P, "O3", CancellationToken.None));
        Assert.Equal(["S1"], (await _store.Writer.GetScoresAsync([new(P, "S1"), new(P, "S2")], CancellationToken.None)).Select(s => s.Id));
        Assert.Equal(["T3", "T2", "T1"], (await TracesAsync(q => q, Q)).Items.Select(i => i.Trace.Id));
        Assert.Equal(2, (await _store.Writer.GetScoresAsync([new(Q, "S1"), new(Q, "S2")], CancellationToken.None)).Count);
    }

    [Fact]
    public async Task DeleteOlderThan_RemovesEachKindByItsOwnTime_OfThatProjectOnly()
    {
        var removed = await _store.Deletion.DeleteOlderThanAsync(P, T0.AddMinutes(30), CancellationToken.None);
        var again = await _store.Deletion.DeleteOlderThanAsync(P, T0.AddMinutes(30), CancellationToken.None);

        Assert.Equal(new RetentionDeletion(1, 2, 1), removed);
        Assert.False(again.Any);
        Assert.Equal(["T3", "T2"], (await TracesAsync(q => q)).Items.Select(i => i.Trace.Id));
        Assert.Null(await _store.Queries.GetObservationAsync(P, "O1", CancellationToken.None));
        Assert.NotNull(await _store.Queries.GetObservationAsync(P, "O3", CancellationToken.None));
        Assert.Equal(["S2"], (await _store.Writer.GetScoresAsync([new(P, "S1"), new(P, "S2")], CancellationToken.None)).Select(s => s.Id));
        Assert.Equal(["T3", "T2", "T1"], (await TracesAsync(q => q, Q)).Items.Select(i => i.Trace.Id));
        Assert.NotNull(await _store.Queries.GetObservationAsync(Q, "O1", CancellationToken.None));
    }

    [Fact]
    public async Task DailyMetrics_SumPerDayAndModel_CountingEveryInputKeyAsInput()
    {
        var result = await _store.Metrics.GetDailyMetricsAsync(new DailyMetricsQuery { ProjectId = P }, CancellationToken.None);
        var filtered = await _store.Metrics.GetDailyMetricsAsync(new DailyMetricsQuery { ProjectId = P, UserId = "u2" }, CancellationToken.None);

        var day = Assert.Single(result.Items);
        Assert.Equal((DateOnly.FromDateTime(T0), 3L, 3L, 0.75m), (day.Date, day.CountTraces, day.CountObservations, day.TotalCost));
        Assert.Equal(
            ["m1 13/5/18 1/1 0.5", "m2 4/1/5 1/1 0.25", "- 0/0/0 1/1 0"],
            day.Usage.Select(u => $"{u.Model ?? "-"} {u.InputUsage}/{u.OutputUsage}/{u.TotalUsage} {u.CountObservations}/{u.CountTraces} {u.TotalCost:0.##}"));
        var only = Assert.Single(filtered.Items);
        Assert.Equal((1L, 1L, 0.25m), (only.CountTraces, only.CountObservations, only.TotalCost));
    }

    [Fact]
    public async Task RunMetrics_GroupsAndAggregatesPerView()
    {
        var byName = await _store.Metrics.RunAsync(new MetricsQuery
        {
            ProjectId = P,
            View = MetricsView.Traces,
            Dimensions = ["name"],
            Metrics = [new MetricSpec("count", MetricAggregation.Count), new MetricSpec("totalCost", MetricAggregation.Sum), new MetricSpec("observationsCount", MetricAggregation.Sum)],
            From = T0.AddDays(-1),
            To = T0.AddDays(1),
        }, CancellationToken.None);
        var generations = await _store.Metrics.RunAsync(new MetricsQuery
        {
            ProjectId = P,
            View = MetricsView.Observations,
            Metrics = [new MetricSpec("inputTokens", MetricAggregation.Sum), new MetricSpec("countScores", MetricAggregation.Sum)],
            Filters = [new FilterCondition { Column = "type", Target = FilterTarget.Column, Type = "string", Operator = "=", Text = "GENERATION" }],
            From = T0.AddDays(-1),
            To = T0.AddDays(1),
        }, CancellationToken.None);

        Assert.Equal(["name", "count_count", "sum_totalCost", "sum_observationsCount"], byName.Columns);
        Assert.Equal(["p-a 2 0.5 2", "p-b 1 0.25 1"], byName.Rows.Select(r => $"{r[0]} {r[1]} {(decimal)r[2]!:0.##} {r[3]}"));
        // Engines may hand integer sums back as long or decimal; the API writes both as the same JSON number.
        Assert.Equal([17m, 1m], generations.Rows.Single().Select(v => Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task RunMetrics_Histogram_CountsValuesInEqualWidthBinsPerGroup()
    {
        static string Bins(object? value) => string.Join(" ", ((IEnumerable<object?>)value!).Cast<IList<object?>>().Select(b =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{b[0]}-{b[1]}:{b[2]}]")));
        Task<MetricsTable> RunAsync(MetricsView view, string measure, int bins, params string[] dimensions) => _store.Metrics.RunAsync(new MetricsQuery
        {
            ProjectId = P,
            View = view,
            Dimensions = dimensions,
            Metrics = [new MetricSpec(measure, MetricAggregation.Histogram)],
            Bins = bins,
            From = T0.AddDays(-1),
            To = T0.AddDays(1),
        }, CancellationToken.None);

        // Observation latencies: O1 2000 ms, O3 500 ms; O2 has no end, so no latency, and no bin.
        var latency = await RunAsync(MetricsView.Observations, "latency", 3);
        var byType = await RunAsync(MetricsView.Observations, "latency", 3, "type");
        // Trace latencies per name: p-a has T1 (2000 ms) and T3 (no observations), p-b has T2 (500 ms).
        var byName = await RunAsync(MetricsView.Traces, "latency", 4, "name");
        var scores = await RunAsync(MetricsView.ScoresNumeric, "value", 2);

        Assert.Equal(["histogram_latency"], latency.Columns);
        Assert.Equal("[500-1000:1] [1000-1500:0] [1500-2000:1]", Bins(Assert.Single(latency.Rows)[0]));
        Assert.Equal(["type", "histogram_latency"], byType.Columns);
        Assert.Equal(["GENERATION [500-1000:1] [1000-1500:0] [1500-2000:1]"], byType.Rows.Select(r => $"{r[0]} {Bins(r[1])}"));
        Assert.Equal(["p-a [2000-2000:1]", "p-b [500-500:1]"], byName.Rows.Select(r => $"{r[0]} {Bins(r[1])}"));
        Assert.Equal("[0.5-0.75:1] [0.75-1:1]", Bins(Assert.Single(scores.Rows)[0]));
    }

    [Fact]
    public async Task FilterConditions_OnEveryFilterableColumn_AreTranslated()
    {
        static FilterCondition NotNull(string column) => new() { Column = column, Target = FilterTarget.Column, Type = "null", Operator = "is not null" };

        foreach (var column in FilterColumns.Traces.Keys)
        {
            await TracesAsync(q => q with { Conditions = [NotNull(column)] });
        }

        foreach (var column in FilterColumns.Observations.Keys)
        {
            await _store.Observations.ListObservationsAsync(P, new ObservationFilter { Conditions = [NotNull(column)] }, 1, 10, CancellationToken.None);
        }

        var gold = await TracesAsync(q => q with
        {
            Conditions =
            [
                new FilterCondition { Column = "metadata", Target = FilterTarget.Metadata, Type = "stringObject", Operator = "=", Key = "tier", Text = "gold" },
                new FilterCondition { Column = "tags", Target = FilterTarget.Column, Type = "arrayOptions", Operator = "all of", Texts = ["x", "y"] },
                new FilterCondition { Column = "timestamp", Target = FilterTarget.Column, Type = "datetime", Operator = "<", Time = T0.AddMinutes(1) },
            ],
        });
        var generations = await _store.Observations.ListObservationsAsync(P, new ObservationFilter
        {
            Conditions =
            [
                new FilterCondition { Column = "type", Target = FilterTarget.Column, Type = "stringOptions", Operator = "any of", Texts = ["GENERATION"] },
                new FilterCondition { Column = "providedModelName", Target = FilterTarget.Column, Type = "string", Operator = "starts with", Text = "m" },
                new FilterCondition { Column = "endTime", Target = FilterTarget.Column, Type = "datetime", Operator = ">", Time = T0.AddSeconds(5) },
            ],
        }, 1, 10, CancellationToken.None);

        Assert.Equal(["T1"], gold.Items.Select(i => i.Trace.Id));
        Assert.Equal(["O3"], generations.Items.Select(o => o.Id));
    }

    [Fact]
    public async Task RunMetrics_EveryCatalogDimensionAndMeasure_IsTranslated()
    {
        foreach (var view in MetricsCatalog.All)
        {
            var timeColumns = view.TimeColumnNames.ToDictionary(n => n, _ => ColumnKind.Time);
            foreach (var (dimension, kind) in view.Dimensions.Concat(timeColumns))
            {
                var filter = new FilterCondition { Column = dimension, Target = FilterTarget.Column, Type = "null", Operator = "is not null" };
                var grouped = view.Dimensions.ContainsKey(dimension) ? (IReadOnlyList<string>)[dimension] : [];
                var table = await _store.Metrics.RunAsync(
                    new MetricsQuery { ProjectId = P, View = view.View, Dimensions = grouped, Filters = [filter], Granularity = TimeGranularity.Day, From = T0.AddDays(-1), To = T0.AddDays(1) },
                    CancellationToken.None);
                Assert.Equal([.. grouped, MetricsTable.TimeColumn, "count"], table.Columns);
            }

            foreach (var (measure, kind) in view.Measures)
            {
                var aggregation = kind == MeasureKind.Distinct ? MetricAggregation.Uniq : MetricAggregation.P95;
                var table = await _store.Metrics.RunAsync(
                    new MetricsQuery { ProjectId = P, View = view.View, Metrics = [new MetricSpec(measure, aggregation)], From = T0.AddDays(-1), To = T0.AddDays(1) },
                    CancellationToken.None);
                Assert.Single(table.Rows);
            }
        }
    }
}
