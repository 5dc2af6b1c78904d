using Sightline.Api;
using Sightline.Scores;
using Sightline.Tracing;

namespace Sightline.Storage.Tests;

/// <summary>
/// The score read and delete ports every analytics store must implement alike: list filters (on the score and on its
/// trace), order, counts, the legacy trace-score view, trace fields of the page, reads by id, immediate deletion and
/// deletions inside an ingestion batch. Two projects reuse the same ids.
/// </summary>
public abstract class AnalyticsScoreContract : IAsyncLifetime
{
    protected static readonly DateTime T0 = new(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);
    private const string P = "project-p";
    private const string Q = "project-q";

    protected sealed record ScoreStore(IAnalyticsWriter Writer, IScoreQueries Queries, IScoreDeletion Deletion, IAsyncDisposable Owner);

    private ScoreStore _store = null!;

    protected abstract Task<ScoreStore> OpenStoreAsync();

    public async Task InitializeAsync()
    {
        _store = await OpenStoreAsync();
        await _store.Writer.WriteAsync(Dataset(P, "p"), CancellationToken.None);
        await _store.Writer.WriteAsync(Dataset(Q, "q"), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _store.Owner.DisposeAsync();

    // T1 (u1, tags x y, prod) has S1 and S2 (on its observation O1); T2 (u2, tag x, dev) has S3; S4 is a session
    // score, S5 a dataset run score, S6 a correction on T1, S7 a text score on a trace never written.
    private static AnalyticsBatch Dataset(string project, string marker) => new(
        [Trace(project, "T1", "u1", ["x", "y"], "prod", "s1"), Trace(project, "T2", "u2", ["x"], "dev", null)],
        [],
        [
            Score(project, "S1", 0, $"{marker}-quality", "NUMERIC", 0.9, null, trace: "T1", config: "C1", metadata: new() { ["k"] = "a" }),
            Score(project, "S2", 1, $"{marker}-tone", "CATEGORICAL", 1, "good", trace: "T1", observation: "O1", source: "ANNOTATION", queue: "Q1"),
            Score(project, "S3", 2, $"{marker}-quality", "NUMERIC", 0.2, null, trace: "T2", environment: "dev", source: "EVAL"),
            Score(project, "S4", 3, $"{marker}-rating", "NUMERIC", 4, null, session: "s1"),
            Score(project, "S5", 4, $"{marker}-accuracy", "BOOLEAN", 1, "True", run: "r1"),
            Score(project, "S6", 5, "output", "CORRECTION", 0, "fixed", trace: "T1"),
            Score(project, "S7", 6, $"{marker}-note", "TEXT", null, "fine", trace: "T9"),
        ]);

    private static TraceRecord Trace(string project, string id, string user, string[] tags, string environment, string? session) => new()
    {
        ProjectId = project,
        Id = id,
        Timestamp = T0.AddHours(-1),
        UserId = user,
        Tags = tags,
        Environment = environment,
        SessionId = session,
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    private static ScoreRecord Score(
        string project, string id, int minute, string name, string dataType, double? value, string? text, string? trace = null, string? observation = null,
        string? session = null, string? run = null, string environment = "prod", string source = "API", string? config = null, string? queue = null,
        Dictionary<string, string>? metadata = null) => new()
        {
            ProjectId = project,
            Id = id,
            Timestamp = T0.AddMinutes(minute),
            Name = name,
            TraceId = trace,
            ObservationId = observation,
            SessionId = session,
            DatasetRunId = run,
            DataType = dataType,
            Value = value,
            StringValue = text,
            Environment = environment,
            Source = source,
            ConfigId = config,
            QueueId = queue,
            Metadata = metadata ?? [],
            CreatedAt = T0,
            UpdatedAt = T0,
        };

    private Task<ResultPage<ScoreListItem>> ListAsync(Func<ScoreListQuery, ScoreListQuery> shape, string project = P) =>
        _store.Queries.ListScoresAsync(shape(new ScoreListQuery { ProjectId = project }), CancellationToken.None);

    private async Task<List<string>> AfterAsync(Func<ScoreV3Query, ScoreV3Query> shape, ScoreCursor? after = null, int limit = 100, string project = P) =>
        (await _store.Queries.ListScoresAfterAsync(shape(new ScoreV3Query { ProjectId = project }), after, limit, CancellationToken.None)).Select(s => s.Id).ToList();

    public static TheoryData<string, string> V3Filters => new()
    {
        { "none", "S7,S6,S5,S4,S3,S2,S1" },
        { "ids", "S7,S1" },
        { "names", "S3,S1" },
        { "sources", "S3,S2" },
        { "numeric range", "S4,S1" },
        { "numeric values", "S3" },
        { "boolean true", "S5" },
        { "categories", "S2" },
        { "trace and observation", "S2" },
        { "traces", "S6,S3,S2,S1" },
        { "session", "S4" },
        { "experiment", "S5" },
        { "config", "S1" },
        { "queue", "S2" },
        { "env", "S3" },
        { "from to", "S3,S2" },
    };

    [Theory]
    [MemberData(nameof(V3Filters))]
    public async Task ListScoresAfter_Filter_ReturnsTheMatchesNewestFirst(string filter, string expected)
    {
        var ids = await AfterAsync(q => filter switch
        {
            "ids" => q with { Ids = ["S1", "S7", "nope"] },
            "names" => q with { Names = ["p-quality", "q-quality"] },
            "sources" => q with { Sources = ["EVAL", "ANNOTATION"] },
            "numeric range" => q with { DataTypes = ["NUMERIC"], ValueMin = 0.5, ValueMax = 4 },
            "numeric values" => q with { DataTypes = ["NUMERIC"], NumericValues = [0.2, 7] },
            "boolean true" => q with { DataTypes = ["BOOLEAN"], NumericValues = [1] },
            "categories" => q with { DataTypes = ["CATEGORICAL"], StringValues = ["good", "bad"] },
            "trace and observation" => q with { TraceIds = ["T1"], ObservationIds = ["O1"] },
            "traces" => q with { TraceIds = ["T1", "T2"] },
            "session" => q with { SessionIds = ["s1"] },
            "experiment" => q with { ExperimentIds = ["r1"] },
            "config" => q with { ConfigIds = ["C1"] },
            "queue" => q with { QueueIds = ["Q1"] },
            "env" => q with { Environments = ["dev"] },
            "from to" => q with { FromTimestamp = T0.AddMinutes(1), ToTimestamp = T0.AddMinutes(3) },
            _ => q,
        });

        Assert.Equal(expected, string.Join(",", ids));
    }

    [Fact]
    public async Task ListScoresAfter_PagesOfThree_WalkEveryScoreOnceAndStopAtTheEnd()
    {
        var seen = new List<string>();
        ScoreCursor? cursor = null;
        var pages = 0;
        while (true)
        {
            var page = await _store.Queries.ListScoresAfterAsync(new ScoreV3Query { ProjectId = P }, cursor, 3, CancellationToken.None);
            pages++;
            seen.AddRange(page.Select(s => s.Id));
            if (page.Count < 3)
            {
                break;
            }

            cursor = new ScoreCursor(page[^1].Timestamp, page[^1].Id);
        }

        Assert.Equal("S7,S6,S5,S4,S3,S2,S1", string.Join(",", seen));
        Assert.Equal(3, pages);
        Assert.All(await _store.Queries.ListScoresAfterAsync(new ScoreV3Query { ProjectId = Q }, null, 100, CancellationToken.None),
            s => Assert.Equal(Q, s.ProjectId));
    }

    [Fact]
    public async Task ListScoresAfter_CursorOnATimestampTie_ContinuesWithTheSmallerIdsOfThatTimestamp()
    {
        // S3 is at minute 2; a cursor at minute 2 with id S4 has S3 (same time, smaller id) next, then the older ones.
        Assert.Equal(["S3", "S2"], await AfterAsync(q => q, new ScoreCursor(T0.AddMinutes(2), "S4"), limit: 2));
        // With id S3 itself, S3 is behind the cursor.
        Assert.Equal(["S2", "S1"], await AfterAsync(q => q, new ScoreCursor(T0.AddMinutes(2), "S3")));
    }

    public static TheoryData<string, string> Filters => new()
    {
        { "none", "S7,S6,S5,S4,S3,S2,S1" },
        { "legacy", "S7,S3,S2,S1" },
        { "name", "S3,S1" },
        { "user u1", "S6,S2,S1" },
        { "tags x", "S6,S3,S2,S1" },
        { "tags x y", "S6,S2,S1" },
        { "tags x env dev", "S3" },
        { "from to", "S4,S3,S2" },
        { "value >= 1", "S5,S4,S2" },
        { "value != 0", "S5,S4,S3,S2,S1" },
        { "ids", "S5,S1" },
        { "config", "S1" },
        { "queue", "S2" },
        { "session", "S4" },
        { "run", "S5" },
        { "trace", "S6,S2,S1" },
        { "observations", "S2" },
        { "type", "S7" },
        { "source", "S3" },
        { "env", "S3" },
        { "metadata", "S1" },
        { "string value", "S2" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task ListScores_Filter_ReturnsTheMatchesNewestFirstAndCountsThem(string filter, string expected)
    {
        var page = await ListAsync(q => filter switch
        {
            "legacy" => q with { TraceScoresOnly = true },
            "name" => q with { Name = "p-quality" },
            "user u1" => q with { UserId = "u1" },
            "tags x" => q with { TraceTags = ["x"] },
            "tags x y" => q with { TraceTags = ["y", "x"] },
            "tags x env dev" => q with { TraceTags = ["x"], Environments = ["dev"] },
            "from to" => q with { FromTimestamp = T0.AddMinutes(1), ToTimestamp = T0.AddMinutes(4) },
            "value >= 1" => q with { ValueOperator = ">=", Value = 1 },
            "value != 0" => q with { ValueOperator = "!=", Value = 0 },
            "ids" => q with { ScoreIds = ["S1", "S5", "nope"] },
            "config" => q with { ConfigId = "C1" },
            "queue" => q with { QueueId = "Q1" },
            "session" => q with { SessionId = "s1" },
            "run" => q with { DatasetRunId = "r1" },
            "trace" => q with { TraceId = "T1" },
            "observations" => q with { ObservationIds = ["O1", "O7"] },
            "type" => q with { DataType = "TEXT" },
            "source" => q with { Source = "EVAL" },
            "env" => q with { Environments = ["dev"] },
            "metadata" => q with { Conditions = [new FilterCondition { Column = "metadata", Target = FilterTarget.Metadata, Type = "stringObject", Operator = "=", Key = "k", Text = "a" }] },
            "string value" => q with { Conditions = [new FilterCondition { Column = "stringValue", Target = FilterTarget.Column, Type = "stringOptions", Operator = "any of", Texts = ["good"] }] },
            _ => q,
        });

        var ids = expected.Split(',');
        Assert.Equal(ids, page.Items.Select(i => i.Score.Id));
        Assert.Equal(ids.Length, page.TotalItems);
        Assert.All(page.Items, i => Assert.Equal(P, i.Score.ProjectId));
    }

    [Fact]
    public async Task ListScores_Paging_SkipsWholePagesAndKeepsTheTotal()
    {
        var second = await ListAsync(q => q with { Page = 2, Limit = 3 });
        var beyond = await ListAsync(q => q with { Page = 4, Limit = 3 });

        Assert.Equal(["S4", "S3", "S2"], second.Items.Select(i => i.Score.Id));
        Assert.Equal(7, second.TotalItems);
        Assert.Empty(beyond.Items);
        Assert.Equal(7, beyond.TotalItems);
    }

    [Fact]
    public async Task ListScores_WithTrace_GivesThePagesTraceFields_AndEmptyOnesForAMissingTrace()
    {
        var page = await ListAsync(q => q with { IncludeTrace = true });
        var without = await ListAsync(q => q with { IncludeTrace = false });

        var items = page.Items.ToDictionary(i => i.Score.Id);
        Assert.Equal(("u1", "x,y", "prod", "s1"), (items["S1"].Trace!.UserId, string.Join(",", items["S1"].Trace!.Tags), items["S1"].Trace!.Environment, items["S1"].Trace!.SessionId));
        Assert.Equal(("u2", "dev"), (items["S3"].Trace!.UserId, items["S3"].Trace!.Environment));
        var missing = items["S7"].Trace!;
        Assert.Equal(((string?)null, 0, (string?)null, (string?)null), (missing.UserId, missing.Tags.Count, missing.Environment, missing.SessionId));
        Assert.Null(items["S4"].Trace);
        Assert.All(without.Items, i => Assert.Null(i.Trace));
    }

    [Fact]
    public async Task GetScore_ReadsEveryFieldBack_WithinTheProjectOnly()
    {
        var score = await _store.Queries.GetScoreAsync(P, "S2", CancellationToken.None);
        var other = await _store.Queries.GetScoreAsync(Q, "S2", CancellationToken.None);

        Assert.NotNull(score);
        Assert.Equal(("p-tone", "CATEGORICAL", 1.0, "good", "T1", "O1", "ANNOTATION", "Q1"),
            (score.Name, score.DataType, score.Value, score.StringValue, score.TraceId, score.ObservationId, score.Source, score.QueueId));
        Assert.Equal("q-tone", other!.Name);
        Assert.Null(await _store.Queries.GetScoreAsync(P, "S99", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteScores_RemovesThoseOfTheProjectOnly()
    {
        var deleted = await _store.Deletion.DeleteScoresAsync(P, ["S1", "S4", "missing"], CancellationToken.None);

        Assert.Equal(2, deleted);
        Assert.Equal(["S7", "S6", "S5", "S3", "S2"], (await ListAsync(q => q)).Items.Select(i => i.Score.Id));
        Assert.Equal(7, (await ListAsync(q => q, Q)).TotalItems);
    }

    [Fact]
    public async Task WriteBatch_WithDeletedScores_RemovesThemBesideTheUpserts()
    {
        var rewritten = Score(P, "S3", 2, "p-quality", "NUMERIC", 0.3, null, trace: "T2", environment: "dev");

        await _store.Writer.WriteAsync(new AnalyticsBatch([], [], [rewritten]) { DeletedScores = [new EntityKey(P, "S1"), new EntityKey(Q, "S2")] }, CancellationToken.None);

        Assert.Equal(["S7", "S6", "S5", "S4", "S3", "S2"], (await ListAsync(q => q)).Items.Select(i => i.Score.Id));
        Assert.Equal(0.3, (await _store.Queries.GetScoreAsync(P, "S3", CancellationToken.None))!.Value);
        Assert.Equal(["S7", "S6", "S5", "S4", "S3", "S1"], (await ListAsync(q => q, Q)).Items.Select(i => i.Score.Id));
    }

    [Fact]
    public async Task FilterConditions_OnEveryFilterableColumn_AreTranslated()
    {
        foreach (var column in ScoreFilterColumns.All.Keys)
        {
            var page = await ListAsync(q => q with
            {
                Conditions = [new FilterCondition { Column = column, Target = FilterTarget.Column, Type = "null", Operator = "is not null" }],
            });
            Assert.True(page.TotalItems >= 0);
        }
    }
}
