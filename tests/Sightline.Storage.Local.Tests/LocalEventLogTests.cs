using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sightline.Ingestion;
using Sightline.Storage.Contracts;

namespace Sightline.Storage.Local.Tests;

public sealed class LocalEventLogTests : EventLogContract
{
    private readonly TempDirectory _directory = new();
    private readonly List<LocalEventLog> _logs = [];

    private string Dir => _directory.Path;

    protected override async Task<OpenedLog> OpenLogAsync(LogShape shape)
    {
        var log = await OpenLocalAsync(new LocalEventLogOptions { MaxBacklogBytes = shape.MaxBacklogBytes, SegmentBytes = shape.SegmentBytes });
        return new OpenedLog(log, log, log);
    }

    protected override Task<long> StoredBytesAsync() =>
        Task.FromResult(SegmentFiles.List(Dir).Sum(s => new FileInfo(SegmentFiles.PathOf(Dir, s)).Length));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var log in _logs)
        {
            await log.DisposeAsync();
        }

        _directory.Dispose();
    }

    private async Task<LocalEventLog> OpenLocalAsync(LocalEventLogOptions? options = null, TimeProvider? time = null)
    {
        var log = new LocalEventLog(Dir, options ?? new LocalEventLogOptions(), time ?? TimeProvider.System, NullLogger<LocalEventLog>.Instance);
        try
        {
            await log.OpenAsync(CancellationToken.None);
        }
        catch
        {
            await log.DisposeAsync();
            throw;
        }

        _logs.Add(log);
        return log;
    }

    private string LastSegmentPath() => SegmentFiles.PathOf(Dir, SegmentFiles.List(Dir)[^1]);

    private async Task<LocalEventLog> WriteAndCloseAsync(int count, LocalEventLogOptions? options = null)
    {
        var log = await OpenLocalAsync(options);
        for (var i = 0; i < count; i++)
        {
            await log.AppendAsync(Payload(i, 40), CancellationToken.None);
        }

        await log.DisposeAsync();
        return log;
    }

    [Fact]
    public async Task Append_PastThePaceBound_WaitsUntilAnAcknowledgementBringsTheBacklogUnder()
    {
        var time = new FakeTimeProvider();
        var log = await OpenLocalAsync(new LocalEventLogOptions { PaceAboveBytes = 5 * 48, MaxPaceWait = TimeSpan.FromMinutes(1) }, time);
        for (var i = 0; i < 6; i++)
        {
            await log.AppendAsync(Payload(i, 40), CancellationToken.None);
        }

        var paced = log.AppendAsync(Payload(6, 40), CancellationToken.None).AsTask();
        var (records, last) = await ReadAllAsync(log, 6);
        var waitedWhileUnacknowledged = !paced.IsCompleted;
        await log.AcknowledgeAsync(last, CancellationToken.None);
        await paced.WaitAsync(TimeSpan.FromSeconds(10));
        var (after, _) = await ReadAllAsync(log, 1);

        Assert.True(waitedWhileUnacknowledged);
        Assert.Equal(6, records.Count);
        Assert.Equal([6], after.Select(NumberOf));
        Assert.Equal(48, log.BacklogBytes);
    }

    [Fact]
    public async Task Append_PastThePaceBound_IsAppendedAnywayAfterTheLongestWait()
    {
        var time = new FakeTimeProvider();
        var log = await OpenLocalAsync(new LocalEventLogOptions { PaceAboveBytes = 48, MaxPaceWait = TimeSpan.FromSeconds(2) }, time);
        await log.AppendAsync(Payload(0, 40), CancellationToken.None);
        await log.AppendAsync(Payload(1, 40), CancellationToken.None);

        var paced = log.AppendAsync(Payload(2, 40), CancellationToken.None).AsTask();
        var waitedBeforeTheDeadline = !paced.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(2));
        await paced.WaitAsync(TimeSpan.FromSeconds(10));
        var (records, _) = await ReadAllAsync(log, 3);

        Assert.True(waitedBeforeTheDeadline);
        Assert.Equal([0, 1, 2], records.Select(NumberOf));
    }

    [Fact]
    public async Task Append_CancelledWhilePaced_AppendsNothing()
    {
        var log = await OpenLocalAsync(new LocalEventLogOptions { PaceAboveBytes = 48, MaxPaceWait = TimeSpan.FromMinutes(1) }, new FakeTimeProvider());
        await log.AppendAsync(Payload(0, 40), CancellationToken.None);
        await log.AppendAsync(Payload(1, 40), CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var paced = log.AppendAsync(Payload(2, 40), cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => paced);
        Assert.Equal(2 * 48, log.BacklogBytes);
    }

    [Fact]
    public async Task TornTail_PartialFrameAfterTheLastRecord_IsCutOffAtReopen()
    {
        await WriteAndCloseAsync(5);
        var path = LastSegmentPath();
        var goodLength = new FileInfo(path).Length;
        // A header announcing 40 bytes followed by only 10 of them: a write cut short by a crash.
        var payload = Payload(99, 40);
        byte[] torn = [.. RecordFrame.Header(payload), .. payload[..10]];
        await using (var file = new FileStream(path, FileMode.Append))
        {
            await file.WriteAsync(torn);
        }

        var log = await OpenLocalAsync();
        var lengthAfterOpen = new FileInfo(path).Length;
        await log.AppendAsync(Payload(5, 40), CancellationToken.None);
        var (records, _) = await ReadAllAsync(log, 6);

        Assert.Equal(goodLength, lengthAfterOpen);
        Assert.Equal([0, 1, 2, 3, 4, 5], records.Select(NumberOf));
        Assert.Equal(6 * 48, log.BacklogBytes);
    }

    [Fact]
    public async Task TornTail_GarbageAfterTheLastRecord_IsCutOffAtReopen()
    {
        await WriteAndCloseAsync(3);
        var path = LastSegmentPath();
        var goodLength = new FileInfo(path).Length;
        await File.AppendAllTextAsync(path, "not a frame at all, just noise from a crash", Encoding.ASCII);

        var log = await OpenLocalAsync();
        await log.AppendAsync(Payload(3, 40), CancellationToken.None);
        var (records, _) = await ReadAllAsync(log, 4);
        await log.DisposeAsync();

        Assert.Equal([0, 1, 2, 3], records.Select(NumberOf));
        Assert.Equal(goodLength + 48, new FileInfo(path).Length);
    }

    [Fact]
    public async Task TornTail_ZeroFilledTail_IsCutOffAtReopen()
    {
        await WriteAndCloseAsync(3);
        var path = LastSegmentPath();
        var goodLength = new FileInfo(path).Length;
        await using (var file = new FileStream(path, FileMode.Append))
        {
            await file.WriteAsync(new byte[4096]);
        }

        var log = await OpenLocalAsync();
        var (records, _) = await ReadAllAsync(log, 3);
        var more = await log.ReadAsync(10, TimeSpan.FromMilliseconds(20), CancellationToken.None);

        Assert.Equal([0, 1, 2], records.Select(NumberOf));
        Assert.Empty(more.Records);
        Assert.Equal(goodLength, new FileInfo(path).Length);
    }

    [Fact]
    public async Task CorruptChecksumOfTheLastRecord_IsTruncated()
    {
        await WriteAndCloseAsync(4);
        var path = LastSegmentPath();
        var length = new FileInfo(path).Length;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = length - 3;
            file.WriteByte(0xFF);
        }

        var log = await OpenLocalAsync();
        await log.AppendAsync(Payload(4, 40), CancellationToken.None);
        var (records, _) = await ReadAllAsync(log, 4);
        var more = await log.ReadAsync(10, TimeSpan.FromMilliseconds(20), CancellationToken.None);

        Assert.Equal([0, 1, 2, 4], records.Select(NumberOf));
        Assert.Empty(more.Records);
    }

    [Fact]
    public async Task CorruptionInAnOlderSegment_FailsTheOpenLoudly()
    {
        await WriteAndCloseAsync(20, new LocalEventLogOptions { SegmentBytes = 200 });
        var segments = SegmentFiles.List(Dir);
        Assert.True(segments.Count >= 3, $"expected several segments, got {segments.Count}");
        var older = SegmentFiles.PathOf(Dir, segments[1]);
        await using (var file = new FileStream(older, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = 20;
            file.WriteByte((byte)(file.ReadByte() ^ 0x55));
        }

        var log = new LocalEventLog(Dir, new LocalEventLogOptions(), TimeProvider.System, NullLogger<LocalEventLog>.Instance);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => log.OpenAsync(CancellationToken.None));
        var problem = log.Problem;
        await log.DisposeAsync();

        Assert.Contains(Path.GetFileName(older), error.Message, StringComparison.Ordinal);
        Assert.Equal("Event log could not be opened", problem);
        Assert.Equal(segments.Count, SegmentFiles.List(Dir).Count);
    }

    [Fact]
    public async Task MissingSegmentInTheMiddle_FailsTheOpenLoudly()
    {
        await WriteAndCloseAsync(20, new LocalEventLogOptions { SegmentBytes = 200 });
        var segments = SegmentFiles.List(Dir);
        File.Delete(SegmentFiles.PathOf(Dir, segments[1]));

        var log = new LocalEventLog(Dir, new LocalEventLogOptions(), TimeProvider.System, NullLogger<LocalEventLog>.Instance);
        await Assert.ThrowsAsync<InvalidDataException>(() => log.OpenAsync(CancellationToken.None));
        await log.DisposeAsync();
    }

    [Fact]
    public async Task GroupCommit_ThousandConcurrentAppends_ShareFarFewerFsyncs()
    {
        var log = await OpenLocalAsync();
        var before = log.FsyncCount;

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => log.AppendAsync(Payload(i, 200), CancellationToken.None).AsTask()));
        var fsyncs = log.FsyncCount - before;

        Assert.InRange(fsyncs, 1, 100);
    }

    [Fact]
    public async Task Acknowledge_DeletesSegmentFilesWhollyBeforeTheCheckpoint()
    {
        var log = await OpenLocalAsync(new LocalEventLogOptions { SegmentBytes = 500 });
        for (var i = 0; i < 30; i++)
        {
            await log.AppendAsync(Payload(i, 92), CancellationToken.None);
        }

        var segmentsBefore = SegmentFiles.List(Dir);
        var (firstHalf, last) = await ReadAllAsync(log, 15, maxRecords: 15);
        await log.AcknowledgeAsync(last, CancellationToken.None);
        var segmentsAfterHalf = SegmentFiles.List(Dir);
        await log.DisposeAsync();

        var reopened = await OpenLocalAsync(new LocalEventLogOptions { SegmentBytes = 500 });
        var (rest, _) = await ReadAllAsync(reopened, 15);

        // 100-byte frames, five to a 500-byte segment.
        Assert.Equal(6, segmentsBefore.Count);
        Assert.Equal(segmentsBefore.Skip(3), segmentsAfterHalf);
        Assert.Equal(Enumerable.Range(0, 15), firstHalf.Select(NumberOf));
        Assert.Equal(Enumerable.Range(15, 15), rest.Select(NumberOf));
        Assert.Equal(15 * 100, reopened.BacklogBytes);
    }

    [Fact]
    public async Task RecordLargerThanASegment_GetsASegmentOfItsOwn()
    {
        var log = await OpenLocalAsync(new LocalEventLogOptions { SegmentBytes = 256 });
        await log.AppendAsync(Payload(1, 10), CancellationToken.None);
        await log.AppendAsync(Payload(2, 10_000), CancellationToken.None);
        await log.AppendAsync(Payload(3, 10), CancellationToken.None);

        var (records, _) = await ReadAllAsync(log, 3);

        Assert.Equal([1, 2, 3], records.Select(NumberOf));
        Assert.Equal(Payload(2, 10_000), records[1].ToArray());
        Assert.Equal(3, SegmentFiles.List(Dir).Count);
    }

    [Fact]
    public async Task LargeBatchRead_IsSplitAcrossChunksWithoutLosingRecords()
    {
        var log = await OpenLocalAsync();
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => log.AppendAsync(Payload(i, 3000 + i), CancellationToken.None).AsTask()));

        var (records, _) = await ReadAllAsync(log, 300, maxRecords: 1000);

        Assert.Equal(Enumerable.Range(0, 300), records.Select(NumberOf).Order());
        Assert.All(records, r => Assert.Equal(Payload(NumberOf(r), 3000 + NumberOf(r)), r.ToArray()));
    }

    [Fact]
    public async Task Batches_DisposedAfterUse_LendTheirBuffersToLaterReadsWithoutMixingRecords()
    {
        var log = await OpenLocalAsync();
        // Sizes around the 256 KiB read chunk: small records share chunks, the 300 KB ones are read on their own.
        int[] sizes = [50, 300_000, 70_000, 120_000, 10, 300_000, 200_000, 5];
        for (var i = 0; i < 40; i++)
        {
            await log.AppendAsync(Payload(i, sizes[i % sizes.Length]), CancellationToken.None);
        }

        var seen = new List<int>();
        while (seen.Count < 40)
        {
            var batch = await log.ReadAsync(3, TimeSpan.FromSeconds(5), CancellationToken.None);
            Assert.NotEmpty(batch.Records);
            foreach (var record in batch.Records)
            {
                var n = NumberOf(record);
                Assert.Equal(Payload(n, sizes[n % sizes.Length]), record.ToArray());
                seen.Add(n);
            }

            await log.AcknowledgeAsync(batch, CancellationToken.None);
            // Gives the chunks back to the shared pool; the next read may be handed the same arrays.
            batch.Dispose();
        }

        Assert.Equal(Enumerable.Range(0, 40), seen);
    }

    [Fact]
    public async Task Acknowledge_PositionNotYetRead_IsRejected()
    {
        var log = await OpenLocalAsync();
        await log.AppendAsync(Payload(1), CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(() => log.AcknowledgeAsync(new EventLogBatch([], "1:24"), CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => log.AcknowledgeAsync(new EventLogBatch([], "garbage"), CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task Dispose_StopsTheWriter_AndLaterAppendsAreRefused()
    {
        var log = await OpenLocalAsync();
        var appends = Enumerable.Range(0, 50).Select(i => log.AppendAsync(Payload(i), CancellationToken.None).AsTask()).ToList();
        await log.DisposeAsync();
        await log.DisposeAsync();

        await Task.WhenAll(appends);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => log.AppendAsync(Payload(1), CancellationToken.None).AsTask());
        var reopened = await OpenLocalAsync();
        var (records, _) = await ReadAllAsync(reopened, 50);
        Assert.Equal(50, records.Count);
    }

    [Fact]
    public void Crc32C_MatchesTheStandardCheckValue() =>
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
}
