using Microsoft.Extensions.Logging;
using Sightline.Ingestion;

namespace Sightline.Storage.Local;

/// <summary>
/// The embedded profile's event log: segment files in one directory, appended by <see cref="SegmentWriter"/> with
/// group commit, read back in order by the single consumer, whose acknowledged position is kept in a checkpoint
/// file. Opening recovers the directory (<see cref="LogRecovery"/>) and runs once, on first use or at start.
/// </summary>
internal sealed class LocalEventLog(string directory, LocalEventLogOptions options, TimeProvider time, ILogger<LocalEventLog> logger)
    : IEventLog, IEventLogConsumer, IAsyncDisposable
{
    // Bounds the memory one batch holds, whatever maxRecords a caller asks for (at least one record is returned).
    private const long MaxBatchBytes = 16L * 1024 * 1024;

    private readonly SemaphoreSlim _openLock = new(1, 1);
    private readonly SemaphoreSlim _readLock = new(1, 1);
    private readonly SemaphoreSlim _ackLock = new(1, 1);
    private readonly Lock _positionLock = new();
    private readonly SegmentTable _table = new();
    private readonly CheckpointStore _checkpoints = new(directory);
    private SegmentWriter? _writer;
    private SegmentReader? _reader;
    private TaskCompletionSource _appended = NewSignal();
    private TaskCompletionSource _acknowledged = NewSignal();
    private LogPosition _readPosition;
    private LogPosition _checkpoint;
    private long _backlogBytes;
    private volatile bool _open;
    private volatile bool _disposed;
    private Exception? _openFailure;

    public long BacklogBytes => Interlocked.Read(ref _backlogBytes);

    internal long FsyncCount => _writer?.FsyncCount ?? 0;

    /// <summary>Null while healthy; else why appends are refused, in words safe for an unauthenticated caller.</summary>
    internal string? Problem =>
        _openFailure is not null ? "Event log could not be opened"
        : _writer?.Failure is not null ? "Event log writer stopped after a disk error"
        : null;

    public async Task OpenAsync(CancellationToken ct)
    {
        if (_open)
        {
            return;
        }

        await _openLock.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_open)
            {
                return;
            }

            try
            {
                Directory.CreateDirectory(directory);
                var checkpoint = _checkpoints.Load();
                await _checkpoints.EnsureReserveAsync(ct);
                var recovered = LogRecovery.Recover(directory, checkpoint, logger);
                _table.Reset(recovered.Start.Segment, recovered.Lengths);
                _checkpoint = recovered.Start;
                _readPosition = recovered.Start;
                Interlocked.Exchange(ref _backlogBytes, recovered.BacklogBytes);
                _reader = new SegmentReader(directory, _table);
                _writer = new SegmentWriter(directory, options.SegmentBytes, _table, Release, Notify, logger);
                _writer.Start();
                _openFailure = null;
                _open = true;
                logger.Opened(directory, recovered.Lengths.Count, recovered.BacklogBytes, recovered.Start);
            }
            catch (Exception ex)
            {
                _openFailure = ex;
                throw;
            }
        }
        finally
        {
            _openLock.Release();
        }
    }

    public async ValueTask AppendAsync(ReadOnlyMemory<byte> record, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        await OpenAsync(ct);
        await PaceAsync(ct);
        // Reserved before the copy is made, so a refused record costs no allocation.
        var frameBytes = (long)RecordFrame.HeaderBytes + record.Length;
        if (Interlocked.Add(ref _backlogBytes, frameBytes) > options.MaxBacklogBytes)
        {
            Release(frameBytes);
            throw new EventLogFullException(
                $"The event log holds more than {options.MaxBacklogBytes} unprocessed bytes; the worker is behind.");
        }

        Task durable;
        try
        {
            durable = _writer!.AppendAsync(record);
        }
        catch
        {
            Release(frameBytes);
            throw;
        }

        // Not abandoned on cancellation: the writer reads the caller's buffer until the write is done, and the
        // caller may reuse that buffer once this returns. A cancelled request's record may still be consumed.
        await durable;
    }

    /// <summary>
    /// Waits while the backlog is past <see cref="LocalEventLogOptions.PaceAboveBytes"/>, until an acknowledgement
    /// brings it under or <see cref="LocalEventLogOptions.MaxPaceWait"/> has passed. Nothing is appended yet, so a
    /// client that gives up meanwhile leaves nothing behind.
    /// </summary>
    private async ValueTask PaceAsync(CancellationToken ct)
    {
        if (options.PaceAboveBytes == 0 || BacklogBytes <= options.PaceAboveBytes)
        {
            return;
        }

        var started = time.GetTimestamp();
        while (true)
        {
            // Taken before looking, so an acknowledgement that lands after the look still wakes this wait.
            var signal = Volatile.Read(ref _acknowledged);
            var remaining = options.MaxPaceWait - time.GetElapsedTime(started);
            if (BacklogBytes <= options.PaceAboveBytes || remaining <= TimeSpan.Zero || _disposed)
            {
                return;
            }

            try
            {
                await signal.Task.WaitAsync(remaining, time, ct);
            }
            catch (TimeoutException)
            {
                return;
            }
        }
    }

    public async ValueTask<EventLogBatch> ReadAsync(int maxRecords, TimeSpan wait, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
        await OpenAsync(ct);
        await _readLock.WaitAsync(ct);
        try
        {
            var started = time.GetTimestamp();
            while (true)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                // Taken before looking, so an append that lands after the look still wakes this wait.
                var signal = Volatile.Read(ref _appended);
                var (records, next, buffers) = _reader!.Read(ReadPosition, maxRecords, MaxBatchBytes);
                if (records.Count == 0)
                {
                    buffers.Dispose();
                }
                else
                {
                    lock (_positionLock)
                    {
                        _readPosition = next;
                    }

                    return new EventLogBatch(records, next.ToString(), buffers);
                }

                var remaining = wait - time.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero)
                {
                    return EventLogBatch.Empty;
                }

                try
                {
                    await signal.Task.WaitAsync(remaining, time, ct);
                }
                catch (TimeoutException)
                {
                    return EventLogBatch.Empty;
                }
            }
        }
        finally
        {
            _readLock.Release();
        }
    }

    public async ValueTask AcknowledgeAsync(EventLogBatch batch, CancellationToken ct)
    {
        if (batch.Records.Count == 0 && batch.Position.Length == 0)
        {
            return;
        }

        if (!LogPosition.TryParse(batch.Position, out var position))
        {
            throw new ArgumentException($"'{batch.Position}' is not a position of this event log.", nameof(batch));
        }

        await OpenAsync(ct);
        await _ackLock.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (position <= _checkpoint)
            {
                return;
            }

            if (position > ReadPosition)
            {
                throw new ArgumentException($"Position {batch.Position} is past the records read so far.", nameof(batch));
            }

            await _checkpoints.SaveAsync(position, ct);
            Release(_table.BytesBetween(_checkpoint, position));
            _checkpoint = position;
            Interlocked.Exchange(ref _acknowledged, NewSignal()).TrySetResult();
            foreach (var segment in _table.RemoveBefore(position.Segment))
            {
                File.Delete(SegmentFiles.PathOf(directory, segment));
                logger.ConsumedSegmentDeleted(segment);
            }

            await _checkpoints.EnsureReserveAsync(ct);
        }
        finally
        {
            _ackLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _openLock.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }
        finally
        {
            _openLock.Release();
        }

        if (_writer is not null)
        {
            // Drains: appends queued before disposal are still written and completed.
            await _writer.DisposeAsync();
        }

        Notify();
        _acknowledged.TrySetResult();
        await _readLock.WaitAsync();
        _reader?.Dispose();
        _readLock.Release();
    }

    private LogPosition ReadPosition
    {
        get
        {
            lock (_positionLock)
            {
                return _readPosition;
            }
        }
    }

    private void Release(long bytes) => Interlocked.Add(ref _backlogBytes, -bytes);

    private void Notify() => Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
