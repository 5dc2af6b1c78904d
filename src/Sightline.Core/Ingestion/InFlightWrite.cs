using Sightline.Common;
using Sightline.Tracing;

namespace Sightline.Ingestion;

/// <summary>
/// A merged batch whose write runs on a thread of its own while the worker reads and merges the next batch, so
/// merging (CPU in managed code) and writing (mostly inside the analytics engine) use both cores. It keeps what the
/// worker needs to finish the batch afterwards: the log batch to acknowledge, the records to write again should
/// the write fail, and the merge locks, held until the write is over.
/// </summary>
internal sealed class InFlightWrite : IAsyncDisposable
{
    private readonly DecodedRecords _decoded;
    private readonly MergedBatch _merged;
    private readonly HashSet<string> _lockKeys;
    private bool _disposed;

    private InFlightWrite(EventLogBatch logBatch, DecodedRecords decoded, GroupedEvents grouped, MergedBatch merged, int deadLettered, Task write)
    {
        LogBatch = logBatch;
        _decoded = decoded;
        _lockKeys = grouped.LockKeys;
        _merged = merged;
        DeadLettered = deadLettered;
        Write = write;
    }

    public EventLogBatch LogBatch { get; }

    public List<IngestionRecord> Records => _decoded.Records;

    public AnalyticsBatch Batch => _merged.Batch;

    /// <summary>Records of the batch already set aside as undecodable.</summary>
    public int DeadLettered { get; }

    /// <summary>Completes when the write is over, with its error if it failed.</summary>
    public Task Write { get; }

    public static InFlightWrite Start(
        EventLogBatch logBatch, DecodedRecords decoded, GroupedEvents grouped, MergedBatch merged, int deadLettered, IngestionProcessor processor, CancellationToken ct) =>
        new(logBatch, decoded, grouped, merged, deadLettered, DedicatedThread.RunAsync("Ingestion writer", () => processor.WriteAsync(merged.Batch, ct)));

    /// <summary>Whether merging a batch with these lock keys must wait for this write (an entity in common).</summary>
    public bool Overlaps(HashSet<string> lockKeys) => _lockKeys.Overlaps(lockKeys);

    /// <summary>Lets go of the merge locks, so a retry of the same records can take them again.</summary>
    public ValueTask ReleaseLocksAsync() => _merged.DisposeAsync();

    /// <summary>
    /// Waits for the write to be over whatever its outcome (the rows being written are views into the decoded
    /// records' buffers), then releases the locks and the records.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await Write.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _merged.DisposeAsync();
        _decoded.Dispose();
    }
}
