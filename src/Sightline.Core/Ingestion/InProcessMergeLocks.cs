namespace Sightline.Ingestion;

/// <summary>One ingestion worker per process and one process per data directory: merges never overlap.</summary>
public sealed class InProcessMergeLocks : IMergeLocks
{
    public ValueTask<IAsyncDisposable> AcquireAsync(IReadOnlyCollection<string> keys, CancellationToken ct) =>
        ValueTask.FromResult<IAsyncDisposable>(Released.Instance);

    private sealed class Released : IAsyncDisposable
    {
        public static readonly Released Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
