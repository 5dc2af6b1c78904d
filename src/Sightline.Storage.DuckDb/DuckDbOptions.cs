namespace Sightline.Storage.DuckDb;

/// <summary>Resource caps of the embedded profile's analytics store.</summary>
public sealed class DuckDbOptions
{
    /// <summary>
    /// DuckDB's buffer manager limit (<c>SIGHTLINE_DUCKDB_MEMORY_LIMIT_MB</c>). DuckDB's own default is 80% of
    /// physical RAM, far too much for a process meant to share a laptop or a 1-core VM; beyond this limit DuckDB
    /// evicts cached blocks, spills to disk or fails the query. 128 MiB: with 256 MiB the buffer manager filled up
    /// under sustained ingestion and while reading a 100,000-trace store, and the process passed 400 MB.
    /// </summary>
    public long MemoryLimitBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>
    /// Worker threads for query execution; DuckDB's default is one per core. One by default: the worker's writes
    /// (a few thousand rows a batch) are too small to gain from a second thread, which costs CPU to hand work to and
    /// wait for. Measured with the worker benchmark (20-30 batches of 4,800 events, same run, loaded 2-core
    /// machine): one thread instead of two raised the worker from 8.2k-9.9k to 11.4k-13.6k events per CPU second
    /// and lowered peak RSS from 327-347 to 302-310 MB. Analytics reads run on that one thread too, which is the
    /// trade: a large query takes longer but leaves the other core to the HTTP server and the worker.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Write-ahead log size at which DuckDB checkpoints into the database file. DuckDB's default of 16 MiB
    /// checkpoints every three or four ingestion batches of ~5,000 observations, and each checkpoint compresses the
    /// table's partly filled last row group again. Measured with the worker benchmark (40 batches of 4,800 events,
    /// same run): 64 MiB cut CPU per event by a fifth (12.0k to 14.6k events per CPU second) and lowered peak RSS
    /// (405 to 349 MB: fewer checkpoints, less transient memory); the cost is a longer log to replay at start.
    /// </summary>
    public long CheckpointThresholdBytes { get; init; } = 64L * 1024 * 1024;

    internal IEnumerable<string> Errors()
    {
        // DuckDB refuses to run most queries below a few MiB; 16 MiB is a floor that still works.
        if (MemoryLimitBytes < 16L * 1024 * 1024)
        {
            yield return $"{nameof(MemoryLimitBytes)} must be at least 16 MiB (was {MemoryLimitBytes} bytes).";
        }

        if (CheckpointThresholdBytes < 1024 * 1024)
        {
            yield return $"{nameof(CheckpointThresholdBytes)} must be at least 1 MiB (was {CheckpointThresholdBytes} bytes).";
        }

        if (Threads < 1)
        {
            yield return $"{nameof(Threads)} must be at least 1 (was {Threads}).";
        }
    }
}
