namespace Sightline.Tracing;

/// <summary>
/// What the ingestion worker needs from the analytics store (DuckDB embedded, ClickHouse at scale): the current
/// version of the rows it is about to merge into, and an idempotent batch upsert.
/// </summary>
public interface IAnalyticsWriter
{
    /// <summary>Current rows for the given keys; missing keys are simply absent from the result.</summary>
    Task<IReadOnlyList<TraceRecord>> GetTracesAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct);

    Task<IReadOnlyList<ObservationRecord>> GetObservationsAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct);

    Task<IReadOnlyList<ScoreRecord>> GetScoresAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct);

    /// <summary>
    /// Writes the batch so that afterwards exactly one row per (project, id) is visible per table: the one given
    /// here. Writing the same batch twice leaves the same visible state (replays are harmless).
    /// </summary>
    Task WriteAsync(AnalyticsBatch batch, CancellationToken ct);
}
