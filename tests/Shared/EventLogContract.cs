using System.Buffers.Binary;
using System.Text;
using Sightline.Ingestion;

namespace Sightline.Storage.Contracts;

/// <summary>
/// What every <see cref="IEventLog"/>/<see cref="IEventLogConsumer"/> pair must do, whatever stores it. A subclass
/// opens the log on storage private to the test instance; opening again reaches the same storage, as a restart does.
/// Shared by the engines' test projects (linked from tests/Shared), so every event log passes the same assertions.
/// </summary>
public abstract class EventLogContract : IAsyncLifetime
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly List<OpenedLog> _opened = [];

    /// <param name="MaxBacklogBytes">Appends beyond this many unacknowledged bytes are refused.</param>
    /// <param name="SegmentBytes">Size of one storage unit (file, object), small to force many of them.</param>
    protected sealed record LogShape(long MaxBacklogBytes = 64L * 1024 * 1024, long SegmentBytes = 64L * 1024 * 1024);

    protected sealed record OpenedLog(IEventLog Log, IEventLogConsumer Consumer, IAsyncDisposable Owner);

    protected abstract Task<OpenedLog> OpenLogAsync(LogShape shape);

    /// <summary>Bytes the storage holds for the log right now (consumed units must eventually go).</summary>
    protected abstract Task<long> StoredBytesAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var log in _opened)
        {
            await log.Owner.DisposeAsync();
        }
    }

    protected async Task<OpenedLog> OpenAsync(LogShape? shape = null)
    {
        var log = await OpenLogAsync(shape ?? new LogShape());
        _opened.Add(log);
        return log;
    }

    protected static async Task CloseAsync(OpenedLog log) => await log.Owner.DisposeAsync();

    protected static byte[] Payload(int n, int size = 16)
    {
        var bytes = new byte[Math.Max(size, 4)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, n);
        for (var i = 4; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(n + i);
        }

        return bytes;
    }

    protected static int NumberOf(ReadOnlyMemory<byte> record) => BinaryPrimitives.ReadInt32LittleEndian(record.Span);

    /// <summary>Reads until <paramref name="count"/> records arrived; fails at the deadline rather than hang.</summary>
    protected static async Task<(List<ReadOnlyMemory<byte>> Records, EventLogBatch Last)> ReadAllAsync(IEventLogConsumer consumer, int count, int maxRecords = 100)
    {
        var records = new List<ReadOnlyMemory<byte>>();
        var last = EventLogBatch.Empty;
        using var cts = new CancellationTokenSource(Deadline);
        while (records.Count < count)
        {
            var batch = await consumer.ReadAsync(maxRecords, TimeSpan.FromSeconds(5), cts.Token);
            records.AddRange(batch.Records);
            if (batch.Records.Count > 0)
            {
                last = batch;
            }
        }

        return (records, last);
    }

    [Fact]
    public async Task Append_ThenRead_ReturnsSameBytesInAppendOrder()
    {
        var log = await OpenAsync();
        var payloads = new[] { Encoding.UTF8.GetBytes("first"), Array.Empty<byte>(), Payload(3, 5000), Encoding.UTF8.GetBytes("last") };
        foreach (var payload in payloads)
        {
            await log.Log.AppendAsync(payload, CancellationToken.None);
        }

        var (records, _) = await ReadAllAsync(log.Consumer, payloads.Length);

        Assert.Equal(payloads.Length, records.Count);
        for (var i = 0; i < payloads.Length; i++)
        {
            Assert.Equal(payloads[i], records[i].ToArray());
        }
    }

    [Fact]
    public async Task ManyConcurrentAppends_AreAllReadExactlyOnce()
    {
        var log = await OpenAsync();
        const int Count = 1000;

        await Task.WhenAll(Enumerable.Range(0, Count).Select(i => Task.Run(async () => await log.Log.AppendAsync(Payload(i, 10 + (i % 50)), CancellationToken.None))));
        var (records, _) = await ReadAllAsync(log.Consumer, Count, maxRecords: 128);
        var more = await log.Consumer.ReadAsync(10, Short, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, Count), records.Select(NumberOf).Order());
        Assert.All(records, r => Assert.Equal(Payload(NumberOf(r), 10 + (NumberOf(r) % 50)), r.ToArray()));
        Assert.Empty(more.Records);
    }

    [Fact]
    public async Task Append_CallerReusesItsBufferAfterwards_StoredRecordKeepsTheAppendedBytes()
    {
        var log = await OpenAsync();
        var buffer = Payload(7, 64);

        await log.Log.AppendAsync(buffer, CancellationToken.None);
        Array.Fill(buffer, (byte)0xEE);
        await log.Log.AppendAsync(buffer.AsMemory(0, 32), CancellationToken.None);
        var (records, _) = await ReadAllAsync(log.Consumer, 2, maxRecords: 10);

        Assert.Equal(Payload(7, 64), records[0].ToArray());
        Assert.All(records[1].ToArray(), b => Assert.Equal(0xEE, b));
    }

    [Fact]
    public async Task Acknowledge_ThenReopen_ResumesAfterAcknowledgedRecords()
    {
        var log = await OpenAsync();
        for (var i = 0; i < 10; i++)
        {
            await log.Log.AppendAsync(Payload(i), CancellationToken.None);
        }

        var first = await log.Consumer.ReadAsync(4, Short, CancellationToken.None);
        await log.Consumer.AcknowledgeAsync(first, CancellationToken.None);
        var second = await log.Consumer.ReadAsync(3, Short, CancellationToken.None);
        await CloseAsync(log);

        var reopened = await OpenAsync();
        var (records, _) = await ReadAllAsync(reopened.Consumer, 6);

        Assert.Equal([0, 1, 2, 3], first.Records.Select(NumberOf));
        Assert.Equal(3, second.Records.Count);
        Assert.Equal([4, 5, 6, 7, 8, 9], records.Select(NumberOf));
    }

    [Fact]
    public async Task NoAcknowledge_ThenReopen_ReturnsTheRecordsAgain()
    {
        var log = await OpenAsync();
        for (var i = 0; i < 5; i++)
        {
            await log.Log.AppendAsync(Payload(i), CancellationToken.None);
        }

        var read = await ReadAllAsync(log.Consumer, 5);
        await CloseAsync(log);

        var reopened = await OpenAsync();
        var (again, _) = await ReadAllAsync(reopened.Consumer, 5);

        Assert.Equal([0, 1, 2, 3, 4], read.Records.Select(NumberOf));
        Assert.Equal([0, 1, 2, 3, 4], again.Select(NumberOf));
    }

    [Fact]
    public async Task Read_WaitingWithNothingToRead_WakesWhenARecordIsAppended()
    {
        var log = await OpenAsync();

        var read = log.Consumer.ReadAsync(10, TimeSpan.FromMinutes(5), CancellationToken.None).AsTask();
        await log.Log.AppendAsync(Payload(42), CancellationToken.None);
        // Well inside the 5-minute wait: a reader that polled or waited out its timeout would miss this.
        var batch = await read.WaitAsync(Deadline);

        Assert.Equal([42], batch.Records.Select(NumberOf));
    }

    [Fact]
    public async Task Read_WithNothingAppended_ReturnsAnEmptyBatchAfterTheWait()
    {
        var log = await OpenAsync();

        var batch = await log.Consumer.ReadAsync(10, Short, CancellationToken.None);
        await log.Consumer.AcknowledgeAsync(batch, CancellationToken.None);

        Assert.Empty(batch.Records);
    }

    [Fact]
    public async Task BacklogBytes_CountsUnacknowledgedBytes_AndAppendsBeyondTheBoundAreRefused()
    {
        var log = await OpenAsync(new LogShape(MaxBacklogBytes: 4096));
        Assert.Equal(0, log.Log.BacklogBytes);

        var appended = 0;
        EventLogFullException? refused = null;
        while (refused is null && appended < 1000)
        {
            try
            {
                await log.Log.AppendAsync(Payload(appended, 100), CancellationToken.None);
                appended++;
            }
            catch (EventLogFullException ex)
            {
                refused = ex;
            }
        }

        var fullBacklog = log.Log.BacklogBytes;
        var (records, last) = await ReadAllAsync(log.Consumer, appended);
        await log.Consumer.AcknowledgeAsync(last, CancellationToken.None);
        var afterAck = log.Log.BacklogBytes;
        await log.Log.AppendAsync(Payload(appended, 100), CancellationToken.None);

        Assert.NotNull(refused);
        Assert.InRange(appended, 30, 40);
        Assert.InRange(fullBacklog, appended * 100, 4096);
        Assert.Equal(appended, records.Count);
        Assert.Equal(0, afterAck);
        Assert.InRange(log.Log.BacklogBytes, 100, 200);
    }

    [Fact]
    public async Task BacklogBytes_AfterReopen_CountsFromTheCheckpointToTheEnd()
    {
        var log = await OpenAsync();
        for (var i = 0; i < 10; i++)
        {
            await log.Log.AppendAsync(Payload(i, 100), CancellationToken.None);
        }

        var batch = await log.Consumer.ReadAsync(4, Short, CancellationToken.None);
        await log.Consumer.AcknowledgeAsync(batch, CancellationToken.None);
        var before = log.Log.BacklogBytes;
        await CloseAsync(log);

        var reopened = await OpenAsync();

        Assert.InRange(before, 600, 700);
        Assert.Equal(before, reopened.Log.BacklogBytes);
    }

    [Fact]
    public async Task RecordsAcrossManySegments_ReadBackInOrder_AndConsumedStorageIsReleased()
    {
        var log = await OpenAsync(new LogShape(SegmentBytes: 1024));
        const int Count = 200;
        for (var i = 0; i < Count; i += 20)
        {
            await Task.WhenAll(Enumerable.Range(i, 20).Select(n => log.Log.AppendAsync(Payload(n, 90), CancellationToken.None).AsTask()));
        }

        var storedBefore = await StoredBytesAsync();
        var (records, last) = await ReadAllAsync(log.Consumer, Count, maxRecords: 7);
        await log.Consumer.AcknowledgeAsync(last, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, Count), records.Select(NumberOf).Order());
        Assert.InRange(storedBefore, Count * 90, long.MaxValue);
        Assert.InRange(await StoredBytesAsync(), 0, 1024);
        Assert.Equal(0, log.Log.BacklogBytes);
    }
}
