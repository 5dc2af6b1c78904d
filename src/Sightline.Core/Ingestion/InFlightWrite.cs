using Sightline.Common;
using Sightline.Tracing;

namespace Sightline.Ingestion;

/// <summary>
/// A merged batch whose write runs on a thread of its own while the worker reads and merges the next batch, so
/// merging (CPU in managed code) and writing (mostly inside the analytics engine) use both cores. It keeps what the
/// worker needs to finish the batch afterwards: the log batch to acknowledge and the records to write again should
/// the write fail. The merge locks are let go of as soon as the write is over, whatever the worker is doing then:
/// a worker waiting for another's locks to merge its next batch must never be what keeps its own locks held, or two
/// workers could each wait for the other.
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
        new(logBatch, decoded, grouped, merged, deadLettered, DedicatedThread.RunAsync("Ingestion writer", async () =>
        {
            try
            {
                await processor.WriteAsync(merged.Batch, ct);
            }
            finally
            {
                await merged.DisposeAsync();
            }
        }));

    /// <summary>Whether merging a batch with these lock keys must wait for this write (an entity in common).</summary>
    public bool Overlaps(HashSet<string> lockKeys) => _lockKeys.Overlaps(lockKeys);

    /// <summary>
    /// Waits for the write to be over whatever its outcome (the rows being written are views into the decoded
    /// records' buffers), then releases the records.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await Write.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _decoded.Dispose();
    }
}
