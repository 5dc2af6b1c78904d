using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sightline.Ingestion;
using Sightline.Scores;
using Sightline.Tracing;

namespace Sightline.Core.Tests.Ingestion;

/// <summary>
/// Scores through the ingestion processor: deletions apply in log order (so a replay of the log deletes again),
/// events that do not fit their config are dropped, and a config decides the name, type and category value.
/// </summary>
public sealed class ScoreProcessingTests
{
    private const string Project = "p1";
    private static readonly DateTime At = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly MemoryWriter _writer = new();
    private readonly List<ScoreConfig> _configs = [];

    private IngestionProcessor Processor() =>
        new(_writer, [], new ConfigList(_configs), new InProcessMergeLocks(), new NoTraceDeletions(), new FakeTimeProvider(At), NullLogger<IngestionProcessor>.Instance);

    private static IngestionRecord Record(params IngestionEvent[] events) => new(Project, At, events);

    private static IngestionEvent Create(string body, int second = 0) =>
        new(Guid.NewGuid().ToString(), EventType.ScoreCreate, At.AddSeconds(second), JsonDocument.Parse(body).RootElement.Clone());

    // The server stamps a deletion when it is asked; a client's clock may put a write it deletes later still.
    private static IngestionEvent Delete(string id, int second = 0) =>
        new(Guid.NewGuid().ToString(), EventType.ScoreDelete, At.AddSeconds(second), JsonDocument.Parse($$"""{"id":"{{id}}"}""").RootElement.Clone());

    [Fact]
    public async Task DeletionAfterTheWriteInTheLog_RemovesIt_EvenWhenTheWriteCarriesALaterTimestamp()
    {
        await Processor().ProcessAsync([Record(Create("""{"id":"s1","traceId":"t","name":"q","value":1}""", second: 30)), Record(Delete("s1"))], CancellationToken.None);

        Assert.Empty(_writer.Scores);
    }

    [Fact]
    public async Task ReplayOfWriteAndDeletion_AfterTheWriteWasStored_LeavesTheScoreDeleted()
    {
        var write = Record(Create("""{"id":"s1","traceId":"t","name":"q","value":1}"""));
        var deletion = Record(Delete("s1"));
        await Processor().ProcessAsync([write], CancellationToken.None);
        Assert.Single(_writer.Scores);

        // A crash before the acknowledgement: the log hands both records over again.
        await Processor().ProcessAsync([write, deletion], CancellationToken.None);
        await Processor().ProcessAsync([write, deletion], CancellationToken.None);

        Assert.Empty(_writer.Scores);
    }

    [Fact]
    public async Task WriteAfterTheDeletion_CreatesTheScoreAfresh_WithoutTheDeletedFields()
    {
        await Processor().ProcessAsync([Record(Create("""{"id":"s1","traceId":"t","name":"q","value":1,"comment":"old"}"""))], CancellationToken.None);

        await Processor().ProcessAsync([Record(Delete("s1")), Record(Create("""{"id":"s1","traceId":"t","name":"q","value":2}"""))], CancellationToken.None);

        var score = Assert.Single(_writer.Scores.Values);
        Assert.Equal((2.0, (string?)null), (score.Value, score.Comment));
    }

    [Fact]
    public async Task DeletionOfAnUnknownScore_WritesNothingElse()
    {
        await Processor().ProcessAsync([Record(Create("""{"id":"s2","traceId":"t","name":"q","value":1}""")), Record(Delete("never-written"))], CancellationToken.None);

        Assert.Equal(["s2"], _writer.Scores.Keys.Select(k => k.Id));
        Assert.Equal([new EntityKey(Project, "never-written")], _writer.LastBatch!.DeletedScores);
    }

    [Fact]
    public async Task EventsThatDoNotFitTheirConfig_AreDropped_OthersOfTheSameScoreApply()
    {
        _configs.Add(Config("c-range", "stars", "NUMERIC", min: 1, max: 5));

        await Processor().ProcessAsync(
        [
            Record(Create("""{"id":"s1","traceId":"t","name":"stars","value":4,"configId":"c-range","comment":"first"}""")),
            Record(Create("""{"id":"s1","traceId":"t","name":"stars","value":7,"configId":"c-range","comment":"too high"}""", second: 1)),
            Record(Create("""{"id":"s2","traceId":"t","name":"stars","value":3,"configId":"missing"}""")),
        ], CancellationToken.None);

        var score = Assert.Single(_writer.Scores.Values);
        Assert.Equal(("s1", 4.0, "first"), (score.Id, score.Value, score.Comment));
    }

    [Fact]
    public async Task AConfig_NamesTheScore_SetsItsType_AndMapsTheCategoryToItsValue()
    {
        _configs.Add(Config("c-tone", "tone", "CATEGORICAL", categories: """[{"label":"kind","value":3},{"label":"rude","value":-1}]"""));
        _configs.Add(Config("c-flag", "correct", "BOOLEAN", categories: """[{"label":"True","value":1},{"label":"False","value":0}]"""));

        await Processor().ProcessAsync(
        [
            Record(
                Create("""{"id":"s1","traceId":"t","name":"anything","value":"kind","configId":"c-tone"}"""),
                Create("""{"id":"s2","traceId":"t","name":"correct","value":1,"configId":"c-flag"}"""),
                Create("""{"id":"s3","traceId":"t","name":"fix","value":"Better answer.","dataType":"CORRECTION"}""")),
        ], CancellationToken.None);

        var scores = _writer.Scores.Values.ToDictionary(s => s.Id);
        Assert.Equal(("tone", "CATEGORICAL", 3.0, "kind", "c-tone"), (scores["s1"].Name, scores["s1"].DataType, scores["s1"].Value, scores["s1"].StringValue, scores["s1"].ConfigId));
        Assert.Equal(("BOOLEAN", 1.0, "True"), (scores["s2"].DataType, scores["s2"].Value, scores["s2"].StringValue));
        Assert.Equal(("output", "CORRECTION", 0.0, "Better answer."), (scores["s3"].Name, scores["s3"].DataType, scores["s3"].Value, scores["s3"].StringValue));
    }

    [Fact]
    public async Task ConfigsAreLookedUpInTheScoresOwnProject()
    {
        _configs.Add(Config("c-range", "stars", "NUMERIC", project: "another-project"));

        await Processor().ProcessAsync([Record(Create("""{"id":"s1","traceId":"t","name":"stars","value":4,"configId":"c-range"}"""))], CancellationToken.None);

        Assert.Empty(_writer.Scores);
    }

    private static ScoreConfig Config(string id, string name, string dataType, double? min = null, double? max = null, string? categories = null, string project = Project) => new()
    {
        Id = id,
        ProjectId = project,
        Name = name,
        DataType = dataType,
        MinValue = min,
        MaxValue = max,
        Categories = categories,
        CreatedAt = At,
        UpdatedAt = At,
    };

    private sealed class ConfigList(List<ScoreConfig> configs) : IScoreConfigLookup
    {
        public Task<IReadOnlyList<ScoreConfig>> GetAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<ScoreConfig>>(configs.Where(c => keys.Contains(new EntityKey(c.ProjectId, c.Id))).ToList());
    }

    /// <summary>An analytics store in memory: upserts replace by key, deletions remove.</summary>
    private sealed class MemoryWriter : IAnalyticsWriter
    {
        public Dictionary<EntityKey, ScoreRecord> Scores { get; } = [];

        public AnalyticsBatch? LastBatch { get; private set; }

        public Task<IReadOnlyList<TraceRecord>> GetTracesAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct) => Task.FromResult<IReadOnlyList<TraceRecord>>([]);

        public Task<IReadOnlyList<ObservationRecord>> GetObservationsAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<ObservationRecord>>([]);

        public Task<IReadOnlyList<ScoreRecord>> GetScoresAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<ScoreRecord>>(keys.Where(Scores.ContainsKey).Select(k => Scores[k]).ToList());

        public Task WriteAsync(AnalyticsBatch batch, CancellationToken ct)
        {
            LastBatch = batch;
            foreach (var score in batch.Scores)
            {
                Scores[new EntityKey(score.ProjectId, score.Id)] = score;
            }

            foreach (var key in batch.DeletedScores)
            {
                Scores.Remove(key);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class NoTraceDeletions : ITraceDeletion
    {
        public Task<long> DeleteTracesAsync(string projectId, IReadOnlyCollection<string> traceIds, CancellationToken ct) =>
            throw new InvalidOperationException("These records delete no trace");

        public Task<RetentionDeletion> DeleteOlderThanAsync(string projectId, DateTime cutoff, CancellationToken ct) =>
            throw new InvalidOperationException("The worker never applies retention");
    }
}
