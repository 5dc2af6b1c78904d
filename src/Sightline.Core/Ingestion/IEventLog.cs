namespace Sightline.Ingestion;

/// <summary>
/// The durable log of accepted ingestion batches: the API appends before it acknowledges, the worker consumes.
/// Embedded profile: segment files on local disk with group-commit fsync. Scale profile: S3 objects plus a Redis
/// stream. Records are opaque bytes to the log.
/// </summary>
public interface IEventLog
{
    /// <summary>
    /// Appends one record and returns only once it is durable (on disk after fsync, or stored remotely).
    /// Concurrent appends share one fsync (group commit). Throws <see cref="EventLogFullException"/> when the
    /// log cannot take more (disk full, or the consumer is too far behind). The log reads
    /// <paramref name="record"/> only until the call completes, so the caller may reuse its buffer afterwards; to
    /// keep that promise the call waits for the write even when <paramref name="ct"/> is cancelled.
    /// </summary>
    ValueTask AppendAsync(ReadOnlyMemory<byte> record, CancellationToken ct);

    /// <summary>Bytes appended but not yet acknowledged by the consumer; drives backpressure.</summary>
    long BacklogBytes { get; }
}
