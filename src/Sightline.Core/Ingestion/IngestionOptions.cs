namespace Sightline.Ingestion;

public sealed class IngestionOptions
{
    /// <summary>Largest accepted request body; Langfuse documents 4.5 MB and the SDKs batch below it.</summary>
    public int MaxBodyBytes { get; set; } = 4_718_592;

    /// <summary>
    /// Log records (accepted requests) the worker merges and writes together. Large enough for ClickHouse, which
    /// wants few large inserts; the embedded profile uses <see cref="EmbeddedWorkerBatchRecords"/>.
    /// </summary>
    public int WorkerBatchRecords { get; set; } = 48;

    /// <summary>
    /// The embedded profile's batch: a batch's decoded events stay alive until DuckDB has them, and two are in flight
    /// (one merged while the other is written), so the batch bounds the worker's heap. Measured with
    /// <c>bench/run.sh worker</c> on the same machine and hour: 12, 24 and 48 records a batch cost the same CPU per
    /// event within the runs' spread (13.6k-16.0k events per CPU second), and peak RSS fell from 353-357 MB at 48 to
    /// 322-328 MB at 24 and 304 MB at 12. 24 halves the memory held while keeping DuckDB inserts of ~2,400 rows.
    /// </summary>
    public const int EmbeddedWorkerBatchRecords = 24;

    /// <summary>How long the worker waits for new records before looking again.</summary>
    public TimeSpan WorkerPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Health turns unhealthy when the worker has held one batch this long without writing it.</summary>
    public TimeSpan WorkerStallAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Health turns unhealthy when the oldest event being written was accepted longer ago than this.</summary>
    public TimeSpan MaxIngestionLag { get; set; } = TimeSpan.FromMinutes(5);
}
