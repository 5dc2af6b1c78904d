using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Sightline.Common;
using Sightline.Ingestion;

namespace Sightline.Storage.Local;

/// <summary>
/// The one writer of the segment files. Appends queue up while an fsync is in progress; the loop then writes all
/// of them (one gathered write per segment), fsyncs once and completes them together: group commit, so the fsync
/// cost is shared by every request that arrived meanwhile. A batch is all-or-nothing: on a full disk the files are
/// cut back to where the batch began and the writer carries on; any other disk error stops it, because after a
/// failed fsync the kernel may already have dropped the unwritten pages and a retry could report false success.
/// </summary>
internal sealed class SegmentWriter(
    string directory,
    long segmentBytes,
    SegmentTable table,
    Action<long> refused,
    Action committed,
    ILogger logger) : IAsyncDisposable
{
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private FileStream? _file;
    private long _segment;
    private long _length;
    private Task _loop = Task.CompletedTask;
    private long _fsyncCount;
    private volatile Exception? _failure;

    /// <summary>File fsyncs issued so far; shows how well group commit batches.</summary>
    public long FsyncCount => Interlocked.Read(ref _fsyncCount);

    public Exception? Failure => _failure;

    public void Start()
    {
        var end = table.End;
        _segment = end.Segment;
        _length = end.Offset;
        _file = OpenSegment(_segment, FileMode.OpenOrCreate);
        // fsync blocks its thread for milliseconds at a time; on a pool thread that starved request handling on
        // small hosts, so the loop gets a thread of its own.
        _loop = DedicatedThread.RunAsync("Event log writer", RunAsync);
    }

    /// <summary>Queues a record; <paramref name="payload"/> must stay unchanged until the returned task completes.</summary>
    public Task AppendAsync(ReadOnlyMemory<byte> payload)
    {
        if (_failure is { } failure)
        {
            throw new EventLogFullException("The event log cannot write to disk.", failure);
        }

        var pending = new PendingAppend(RecordFrame.Header(payload.Span), payload);
        return _queue.Writer.TryWrite(pending) ? pending.Durable.Task : throw new ObjectDisposedException(nameof(LocalEventLog));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        _file?.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingAppend>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (_queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<PendingAppend> batch)
    {
        if (_failure is { } failure)
        {
            Refuse(batch, failure, diskFull: false);
            return;
        }

        var start = new LogPosition(_segment, _length);
        var closed = new List<(long Segment, long Length)>();
        try
        {
            var group = new List<ReadOnlyMemory<byte>>(batch.Count);
            long groupBytes = 0;
            foreach (var pending in batch)
            {
                // A record larger than a segment still gets one of its own rather than being refused.
                if (_length + groupBytes > 0 && _length + groupBytes + pending.Length > segmentBytes)
                {
                    Write(group, groupBytes);
                    group.Clear();
                    groupBytes = 0;
                    Sync();
                    closed.Add((_segment, _length));
                    Roll();
                }

                group.Add(pending.Header);
                group.Add(pending.Payload);
                groupBytes += pending.Length;
            }

            Write(group, groupBytes);
            Sync();
        }
        catch (Exception ex)
        {
            var diskFull = DiskErrors.IsDiskFull(ex);
            if (diskFull)
            {
                try
                {
                    RollBack(start);
                    logger.DiskFull(ex, batch.Count, start.Segment, start.Offset);
                }
                catch (Exception rollbackError)
                {
                    Stop(new AggregateException(ex, rollbackError));
                    diskFull = false;
                }
            }
            else
            {
                Stop(ex);
            }

            Refuse(batch, ex, diskFull);
            return;
        }

        foreach (var (segment, length) in closed)
        {
            table.SetLength(segment, length);
        }

        table.SetLength(_segment, _length);
        foreach (var pending in batch)
        {
            pending.Durable.TrySetResult();
        }

        committed();
    }

    private void Write(List<ReadOnlyMemory<byte>> frames, long bytes)
    {
        if (frames.Count > 0)
        {
            RandomAccess.Write(_file!.SafeFileHandle, frames, _length);
            _length += bytes;
        }
    }

    private void Sync()
    {
        _file!.Flush(flushToDisk: true);
        Interlocked.Increment(ref _fsyncCount);
    }

    private void Roll()
    {
        _file!.Dispose();
        _file = null;
        _segment++;
        _length = 0;
        _file = OpenSegment(_segment, FileMode.Create);
        // The new file's directory entry must be durable before any record in it is acknowledged.
        DirectorySync.Flush(directory);
    }

    private void RollBack(LogPosition start)
    {
        var last = _segment;
        _file?.Dispose();
        _file = null;
        for (var segment = last; segment > start.Segment; segment--)
        {
            File.Delete(SegmentFiles.PathOf(directory, segment));
        }

        _segment = start.Segment;
        _file = OpenSegment(start.Segment, FileMode.Open);
        _file.SetLength(start.Offset);
        _length = start.Offset;
        Sync();
        if (last > start.Segment)
        {
            DirectorySync.Flush(directory);
        }
    }

    private void Stop(Exception ex)
    {
        _failure = ex;
        logger.WriterFailed(ex);
    }

    private void Refuse(List<PendingAppend> batch, Exception cause, bool diskFull)
    {
        long bytes = 0;
        foreach (var pending in batch)
        {
            bytes += pending.Length;
            pending.Durable.TrySetException(diskFull
                ? new EventLogFullException("The event log disk is full.", cause)
                : new EventLogFullException("The event log cannot write to disk.", cause));
        }

        refused(bytes);
    }

    private FileStream OpenSegment(long segment, FileMode mode) =>
        new(SegmentFiles.PathOf(directory, segment), mode, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 0);
}
