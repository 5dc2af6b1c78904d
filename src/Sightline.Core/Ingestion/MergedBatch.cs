using Sightline.Tracing;

namespace Sightline.Ingestion;

/// <summary>
/// The rows a merge produced, and the merge locks of their entities, held until this is disposed: after the rows
/// are written, or once they are abandoned.
/// </summary>
public sealed class MergedBatch(AnalyticsBatch batch, IAsyncDisposable locks) : IAsyncDisposable
{
    private int _released;

    public AnalyticsBatch Batch { get; } = batch;

    /// <summary>Releases the locks; later calls do nothing.</summary>
    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _released, 1) == 0 ? locks.DisposeAsync() : ValueTask.CompletedTask;
}
