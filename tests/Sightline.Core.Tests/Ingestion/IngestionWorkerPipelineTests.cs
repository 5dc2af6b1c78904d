using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Sightline.Health;
using Sightline.Ingestion;
using Sightline.Scores;
using Sightline.Tracing;

namespace Sightline.Core.Tests.Ingestion;

/// <summary>
/// The worker merges the next batch while the previous one is written: it must wait for that write when the two
/// change the same entity, write a failed batch again, and acknowledge in log order whatever happens.
/// </summary>
public sealed class IngestionWorkerPipelineTests
{
    private const string Project = "p1";
    private static readonly DateTime At = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly ScriptedLog _log = new();
    private readonly GatedWriter _writer = new();
    private readonly IngestionWorkerStatus _status = new(TimeProvider.System);

    [Fact]
    public async Task NextBatch_IsMergedWhileThePreviousIsWritten_AndAcknowledgedAfterIt()
    {
        _log.Add("b1", Span("span-create", """{"id":"o1","traceId":"t1","name":"first"}"""));
        _log.Add("b2", Span("span-create", """{"id":"o2","traceId":"t2","name":"second"}"""));
        var firstWrite = _writer.HoldWrite(1);

        await using var worker = await StartAsync();
        await Poll(() => _writer.Lookups("o2") == 1);
        var acknowledgedWhileTheFirstWriteRan = _log.Acknowledged.ToList();
        firstWrite.SetResult();
        await Poll(() => _log.Acknowledged.Count == 2);

        Assert.Empty(acknowledgedWhileTheFirstWriteRan);
        Assert.Equal(["b1", "b2"], _log.Acknowledged);
        Assert.Equal("first", _writer.Observation("o1")?.Name);
        Assert.Equal("second", _writer.Observation("o2")?.Name);
        Assert.Null(_status.Problem(TimeSpan.Zero, TimeSpan.Zero));
    }

    [Fact]
    public async Task NextBatch_ChangingAnEntityBeingWritten_WaitsForThatWrite_AndMergesOntoIt()
    {
        _log.Add("b1", Span("span-create", """{"id":"o1","traceId":"t1","name":"first"}"""));
        _log.Add("b2", Span("span-update", """{"id":"o1","traceId":"t1","output":"answer"}"""));
        var firstWrite = _writer.HoldWrite(1);

        await using var worker = await StartAsync();
        await Poll(() => _writer.WritesStarted == 1);
        // Time for a merge that did not wait to look the entity up.
        await Task.Delay(200);
        var lookupsBeforeTheWrite = _writer.Lookups("o1");
        firstWrite.SetResult();
        await Poll(() => _log.Acknowledged.Count == 2);

        // Once by the first batch's merge; the second looked only after the write.
        Assert.Equal(1, lookupsBeforeTheWrite);
        Assert.Equal(2, _writer.Lookups("o1"));
        Assert.Equal(["b1", "b2"], _log.Acknowledged);
        var merged = _writer.Observation("o1");
        Assert.Equal("first", merged?.Name);
        Assert.Contains("answer", merged?.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedPipelinedWrite_IsWrittenAgain_BeforeAnythingAfterItIsAcknowledged()
    {
        _log.Add("b1", Span("span-create", """{"id":"o1","traceId":"t1","name":"first"}"""));
        _log.Add("b2", Span("span-create", """{"id":"o2","traceId":"t2","name":"second"}"""));
        _log.Add("b3", Span("span-create", """{"id":"o3","traceId":"t3","name":"third"}"""));
        _writer.FailWrite(1);

        await using var worker = await StartAsync();
        await Poll(() => _log.Acknowledged.Count == 3);

        Assert.Equal(["b1", "b2", "b3"], _log.Acknowledged);
        Assert.Equal(["first", "second", "third"], new[] { "o1", "o2", "o3" }.Select(id => _writer.Observation(id)?.Name));
        Assert.Null(_status.Problem(TimeSpan.Zero, TimeSpan.Zero));
    }

    [Fact]
    public async Task LocksOfTheBatchBeingWritten_AreReleasedWhenTheWriteEnds_WhileTheNextBatchWaitsForItsOwn()
    {
        // As with another worker that holds the second batch's entities until it can take the first batch's: the
        // first batch's locks must go once its write is over, not once the second batch has its locks.
        _log.Add("b1", Span("span-create", """{"id":"o1","traceId":"t1","name":"first"}"""));
        _log.Add("b2", Span("span-create", """{"id":"o2","traceId":"t2","name":"second"}"""));
        var locks = new OtherWorkerLocks(first: ":o1", next: ":o2");

        await using var worker = await StartAsync(locks);
        await Poll(() => _log.Acknowledged.Count == 2);

        Assert.Equal(["b1", "b2"], _log.Acknowledged);
        Assert.Equal("second", _writer.Observation("o2")?.Name);
    }

    [Fact]
    public async Task TraceDeletion_AppliesAfterTheRecordsLoggedBeforeIt_AndBeforeThoseAfterIt()
    {
        _log.Add("b1",
            Record(Span("span-create", """{"id":"o1","traceId":"t1","name":"before"}""")),
            Record(Span("span-create", """{"id":"o9","traceId":"t9","name":"other trace"}""")),
            Record(Span("trace-delete", """{"id":"t1"}""")),
            Record(Span("span-create", """{"id":"o2","traceId":"t1","name":"after"}""")));

        await using var worker = await StartAsync();
        await Poll(() => _log.Acknowledged.Count == 1);

        Assert.Null(_writer.Observation("o1"));
        Assert.Equal("after", _writer.Observation("o2")?.Name);
        Assert.Equal("other trace", _writer.Observation("o9")?.Name);
        Assert.Equal(["t1"], _writer.DeletedTraces);
        Assert.Null(_status.Problem(TimeSpan.Zero, TimeSpan.Zero));
    }

    [Fact]
    public async Task TraceDeletion_WaitsForTheBatchBeingWritten_SoItsEventsDoNotBringTheTraceBack()
    {
        _log.Add("b1", Span("span-create", """{"id":"o1","traceId":"t1","name":"before"}"""));
        _log.Add("b2", Span("trace-delete", """{"id":"t1"}"""));
        var firstWrite = _writer.HoldWrite(1);

        await using var worker = await StartAsync();
        await Poll(() => _writer.WritesStarted == 1);
        await Task.Delay(200);
        var deletedWhileTheFirstWriteRan = _writer.DeletedTraces.Count;
        firstWrite.SetResult();
        await Poll(() => _log.Acknowledged.Count == 2);

        Assert.Equal(0, deletedWhileTheFirstWriteRan);
        Assert.Equal(["b1", "b2"], _log.Acknowledged);
        Assert.Null(_writer.Observation("o1"));
    }

    [Fact]
    public void TraceDeletion_IsNotATypeClientsMaySend()
    {
        Assert.Null(EventType.FindAccepted("trace-delete"));
        Assert.DoesNotContain("trace-delete", EventType.Names);
        Assert.Equal(EventType.TraceDelete, EventType.Find("trace-delete"));
    }

    private async Task<RunningWorker> StartAsync(IMergeLocks? locks = null)
    {
        var processor = new IngestionProcessor(_writer, [], new NoConfigs(), locks ?? new InProcessMergeLocks(), _writer, TimeProvider.System, NullLogger<IngestionProcessor>.Instance);
        var gate = new StartupGate();
        gate.Open();
        var worker = new IngestionWorker(_log, processor, new NoDeadLetters(), _status, new IngestionOptions { WorkerPollInterval = TimeSpan.FromMilliseconds(20) }, gate,
            NullLogger<IngestionWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        return new RunningWorker(worker);
    }

    private static async Task Poll(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private static IngestionRecord Record(IngestionEvent e) => new(Project, At, [e]);

    private static IngestionEvent Span(string type, string body) =>
        new(Guid.NewGuid().ToString(), EventType.Find(type)!, At, JsonDocument.Parse(body).RootElement.Clone());

    private sealed class RunningWorker(IngestionWorker worker) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await worker.StopAsync(CancellationToken.None);
            worker.Dispose();
        }
    }

    /// <summary>Hands out the batches it was given, one per read, and records acknowledgements by position.</summary>
    private sealed class ScriptedLog : IEventLogConsumer
    {
        private readonly Queue<EventLogBatch> _batches = new();
        private readonly Lock _lock = new();
        private readonly List<string> _acknowledged = [];

        public IReadOnlyList<string> Acknowledged
        {
            get
            {
                lock (_lock)
                {
                    return [.. _acknowledged];
                }
            }
        }

        public void Add(string position, IngestionEvent e) => Add(position, new IngestionRecord(Project, At, [e]));

        public void Add(string position, params IngestionRecord[] records) =>
            _batches.Enqueue(new EventLogBatch([.. records.Select(r => (ReadOnlyMemory<byte>)r.Encode())], position));

        public async ValueTask<EventLogBatch> ReadAsync(int maxRecords, TimeSpan wait, CancellationToken ct)
        {
            lock (_lock)
            {
                if (_batches.TryDequeue(out var batch))
                {
                    return batch;
                }
            }

            await Task.Delay(wait, ct);
            return EventLogBatch.Empty;
        }

        public ValueTask AcknowledgeAsync(EventLogBatch batch, CancellationToken ct)
        {
            lock (_lock)
            {
                _acknowledged.Add(batch.Position);
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Analytics rows in memory; chosen writes (counted from 1) can be held back or made to fail once.</summary>
    private sealed class GatedWriter : IAnalyticsWriter, ITraceDeletion
    {
        private readonly List<string> _deletedTraces = [];

        private readonly Lock _lock = new();
        private readonly Dictionary<string, ObservationRecord> _observations = [];
        private readonly Dictionary<string, TraceRecord> _traces = [];
        private readonly Dictionary<string, int> _lookups = [];
        private readonly Dictionary<int, TaskCompletionSource> _held = [];
        private readonly HashSet<int> _failing = [];
        private int _writesStarted;

        public int WritesStarted => Volatile.Read(ref _writesStarted);

        public IReadOnlyList<string> DeletedTraces
        {
            get
            {
                lock (_lock)
                {
                    return [.. _deletedTraces];
                }
            }
        }

        public Task<RetentionDeletion> DeleteOlderThanAsync(string projectId, DateTime cutoff, CancellationToken ct) =>
            throw new InvalidOperationException("The worker never applies retention");

        public Task<long> DeleteTracesAsync(string projectId, IReadOnlyCollection<string> traceIds, CancellationToken ct)
        {
            lock (_lock)
            {
                _deletedTraces.AddRange(traceIds);
                var removed = traceIds.Count(_traces.Remove);
                foreach (var id in _observations.Values.Where(o => traceIds.Contains(o.TraceId)).Select(o => o.Id).ToList())
                {
                    _observations.Remove(id);
                }

                return Task.FromResult((long)removed);
            }
        }

        public TaskCompletionSource HoldWrite(int number)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _held[number] = gate;
            return gate;
        }

        public void FailWrite(int number) => _failing.Add(number);

        public int Lookups(string id)
        {
            lock (_lock)
            {
                return _lookups.GetValueOrDefault(id);
            }
        }

        public ObservationRecord? Observation(string id)
        {
            lock (_lock)
            {
                return _observations.GetValueOrDefault(id);
            }
        }

        public Task<IReadOnlyList<TraceRecord>> GetTracesAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct)
        {
            lock (_lock)
            {
                return Task.FromResult<IReadOnlyList<TraceRecord>>([.. keys.Where(k => _traces.ContainsKey(k.Id)).Select(k => _traces[k.Id])]);
            }
        }

        public Task<IReadOnlyList<ObservationRecord>> GetObservationsAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct)
        {
            lock (_lock)
            {
                foreach (var key in keys)
                {
                    _lookups[key.Id] = _lookups.GetValueOrDefault(key.Id) + 1;
                }

                return Task.FromResult<IReadOnlyList<ObservationRecord>>([.. keys.Where(k => _observations.ContainsKey(k.Id)).Select(k => _observations[k.Id])]);
            }
        }

        public Task<IReadOnlyList<ScoreRecord>> GetScoresAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<ScoreRecord>>([]);

        public async Task WriteAsync(AnalyticsBatch batch, CancellationToken ct)
        {
            var number = Interlocked.Increment(ref _writesStarted);
            if (_held.TryGetValue(number, out var gate))
            {
                await gate.Task.WaitAsync(ct);
            }

            if (_failing.Contains(number))
            {
                throw new IOException($"write {number} failed");
            }

            lock (_lock)
            {
                foreach (var o in batch.Observations)
                {
                    _observations[o.Id] = o;
                }

                foreach (var t in batch.Traces)
                {
                    _traces[t.Id] = t;
                }
            }
        }
    }

    /// <summary>Keys naming <c>next</c> are granted only after the locks naming <c>first</c> were released.</summary>
    private sealed class OtherWorkerLocks(string first, string next) : IMergeLocks
    {
        private readonly TaskCompletionSource _firstReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<IAsyncDisposable> AcquireAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
        {
            if (keys.Any(k => k.EndsWith(next, StringComparison.Ordinal)))
            {
                await _firstReleased.Task.WaitAsync(ct);
            }

            return new Held(keys.Any(k => k.EndsWith(first, StringComparison.Ordinal)) ? _firstReleased : null);
        }

        private sealed class Held(TaskCompletionSource? onRelease) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                onRelease?.TrySetResult();
                return ValueTask.CompletedTask;
            }
        }
    }

    private sealed class NoConfigs : IScoreConfigLookup
    {
        public Task<IReadOnlyList<ScoreConfig>> GetAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct) => Task.FromResult<IReadOnlyList<ScoreConfig>>([]);
    }

    private sealed class NoDeadLetters : IDeadLetterStore
    {
        public Task SaveAsync(DeadLetter letter, CancellationToken ct) => throw new InvalidOperationException("Nothing here should be dead-lettered");
    }
}
