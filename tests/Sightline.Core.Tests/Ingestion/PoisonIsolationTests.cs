using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Sightline.Ingestion;

namespace Sightline.Core.Tests.Ingestion;

public sealed class PoisonIsolationTests
{
    private static readonly DateTime At = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static IngestionRecord Record(string project, params string[] eventIds) => new(
        project,
        At,
        [.. eventIds.Select(id => new IngestionEvent(id, EventType.Find("span-create")!, At, JsonDocument.Parse($$"""{"id":"{{id}}"}""").RootElement))]);

    /// <summary>A store that fails any write containing one of the given event ids, and records what it wrote.</summary>
    private sealed class FakeStore(Func<string, bool> fails)
    {
        public List<string> Written { get; } = [];

        public int Calls { get; private set; }

        public Task ProcessAsync(IReadOnlyList<IngestionRecord> records, CancellationToken ct)
        {
            Calls++;
            var ids = records.SelectMany(r => r.Events).Select(e => e.Id).ToList();
            if (ids.Any(fails))
            {
                throw new InvalidOperationException("cannot store " + string.Join(",", ids.Where(fails)));
            }

            Written.AddRange(ids);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task IsolateAsync_OnePoisonEventAmongMany_WritesTheOthersAndReturnsIt()
    {
        var store = new FakeStore(id => id == "e7");
        var records = new[] { Record("p1", "e1", "e2", "e3", "e4"), Record("p2", "e5", "e6", "e7", "e8"), Record("p1", "e9", "e10") };

        var poison = await new PoisonIsolation(store.ProcessAsync, NullLogger.Instance).IsolateAsync(records, CancellationToken.None);

        Assert.NotNull(poison);
        var (record, error) = Assert.Single(poison);
        Assert.Equal("p2", record.ProjectId);
        Assert.Equal("e7", Assert.Single(record.Events).Id);
        Assert.Contains("e7", error.Message, StringComparison.Ordinal);
        Assert.Equal(["e1", "e10", "e2", "e3", "e4", "e5", "e6", "e8", "e9"], store.Written.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task IsolateAsync_PoisonEventFirst_IsStillRecognisedBecauseItsNeighboursSucceed()
    {
        var store = new FakeStore(id => id == "e1");

        var poison = await new PoisonIsolation(store.ProcessAsync, NullLogger.Instance).IsolateAsync([Record("p", "e1", "e2", "e3")], CancellationToken.None);

        Assert.Equal("e1", Assert.Single(poison!).Event.Events[0].Id);
        Assert.Equal(["e2", "e3"], store.Written);
    }

    [Fact]
    public async Task IsolateAsync_EverythingFails_ReportsSystemicAfterFewAttempts()
    {
        var store = new FakeStore(_ => true);
        var records = Enumerable.Range(0, 64).Select(i => Record("p", $"e{i}", $"f{i}")).ToArray();

        var poison = await new PoisonIsolation(store.ProcessAsync, NullLogger.Instance).IsolateAsync(records, CancellationToken.None);

        Assert.Null(poison);
        Assert.Empty(store.Written);
        // 128 events: one attempt per level down to the first event (8), two for each of the first two lone events.
        Assert.InRange(store.Calls, 2, 16);
    }

    [Fact]
    public async Task IsolateAsync_FailureThatHasCleared_WritesEverythingAndSetsNothingAside()
    {
        var store = new FakeStore(_ => false);

        var poison = await new PoisonIsolation(store.ProcessAsync, NullLogger.Instance).IsolateAsync([Record("p", "e1", "e2")], CancellationToken.None);

        Assert.Empty(poison!);
        Assert.Equal(["e1", "e2"], store.Written);
    }

    [Fact]
    public async Task IsolateAsync_LoneEventThatFails_IsNotCondemnedWithoutAWrittenNeighbour()
    {
        var store = new FakeStore(_ => true);

        var poison = await new PoisonIsolation(store.ProcessAsync, NullLogger.Instance).IsolateAsync([Record("p", "e1")], CancellationToken.None);

        Assert.Null(poison);
    }

    [Fact]
    public async Task IsolateAsync_StoreUnreachableForTheFirstEventsThenBack_SetsNothingAsideAndReportsSystemic()
    {
        // The engine is away for the first four calls and back afterwards: the lone event that failed while it was
        // away must not be condemned because its neighbours were written once it returned.
        var calls = 0;
        var written = new List<string>();
        Task ProcessAsync(IReadOnlyList<IngestionRecord> records, CancellationToken ct)
        {
            if (++calls <= 4)
            {
                throw new HttpRequestException("Connection refused", new System.Net.Sockets.SocketException(111));
            }

            written.AddRange(records.SelectMany(r => r.Events).Select(e => e.Id));
            return Task.CompletedTask;
        }

        var poison = await new PoisonIsolation(ProcessAsync, NullLogger.Instance).IsolateAsync([Record("p", "e1", "e2", "e3", "e4")], CancellationToken.None);

        Assert.Null(poison);
        Assert.Equal(1, calls);
        Assert.Empty(written);
    }

    [Fact]
    public async Task IsolateAsync_StoreRefusingOneEventWithAnAnswer_StillSetsItAside()
    {
        var store = new FakeStore(id => id == "e2");

        var poison = await new PoisonIsolation(store.ProcessAsync, NullLogger.Instance).IsolateAsync([Record("p", "e1", "e2")], CancellationToken.None);

        Assert.Equal("e2", Assert.Single(poison!).Event.Events[0].Id);
        Assert.False(PoisonIsolation.IsUnreachable(new HttpRequestException("bad request", null, System.Net.HttpStatusCode.BadRequest)));
        Assert.True(PoisonIsolation.IsUnreachable(new InvalidOperationException("wrapped", new IOException("reset"))));
    }
}
