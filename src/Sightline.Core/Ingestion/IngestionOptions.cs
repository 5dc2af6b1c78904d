namespace Sightline.Ingestion;

public sealed class IngestionOptions
{
    /// <summary>Largest accepted request body; Langfuse documents 4.5 MB and the SDKs batch below it.</summary>
    public int MaxBodyBytes { get; set; } = 4_718_592;

    /// <summary>Log records the worker merges and writes together.</summary>
    public int WorkerBatchRecords { get; set; } = 48;

    /// <summary>How long the worker waits for new records before looking again.</summary>
    public TimeSpan WorkerPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Health turns unhealthy when the worker has held one batch this long without writing it.</summary>
    public TimeSpan WorkerStallAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Health turns unhealthy when the oldest event being written was accepted longer ago than this.</summary>
    public TimeSpan MaxIngestionLag { get; set; } = TimeSpan.FromMinutes(5);
}
