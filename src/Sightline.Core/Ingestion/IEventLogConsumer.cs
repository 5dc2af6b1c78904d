namespace Sightline.Ingestion;

/// <summary>
/// Reads the event log in append order. A record stays unacknowledged until <see cref="AcknowledgeAsync"/>; after
/// a crash or restart, reading resumes at the first unacknowledged record, so every record is processed at least
/// once (the worker's merge makes a second processing harmless).
/// </summary>
public interface IEventLogConsumer
{
    /// <summary>
    /// Returns up to <paramref name="maxRecords"/> records after those already returned, waiting up to
    /// <paramref name="wait"/> for at least one; an empty batch means none arrived in time.
    /// </summary>
    ValueTask<EventLogBatch> ReadAsync(int maxRecords, TimeSpan wait, CancellationToken ct);

    /// <summary>Marks the batch (and everything read before it) processed, durably.</summary>
    ValueTask AcknowledgeAsync(EventLogBatch batch, CancellationToken ct);
}
