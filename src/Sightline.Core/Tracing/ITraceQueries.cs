namespace Sightline.Tracing;

/// <summary>Reads for the public API's trace and observation endpoints. Every query is scoped to one project.</summary>
public interface ITraceQueries
{
    Task<TraceRecord?> GetTraceAsync(string projectId, string traceId, CancellationToken ct);

    /// <summary>All observations of a trace, ordered by start time.</summary>
    Task<IReadOnlyList<ObservationRecord>> GetObservationsOfTraceAsync(string projectId, string traceId, CancellationToken ct);

    /// <summary>All scores of a trace (including those on its observations), ordered by timestamp.</summary>
    Task<IReadOnlyList<ScoreRecord>> GetScoresOfTraceAsync(string projectId, string traceId, CancellationToken ct);

    /// <summary>
    /// The trace with (optionally) its observations and scores, read from one snapshot: a reader never sees a
    /// trace row older than the observations beside it while the worker commits a batch. The observations are those
    /// starting within <see cref="TraceTree.ObservationWindow"/> of the trace's timestamp, or all of them when none
    /// does; the scores are those naming the trace, and those naming only one of its observations.
    /// </summary>
    Task<TraceTree?> GetTraceTreeAsync(string projectId, string traceId, bool observations, bool scores, CancellationToken ct);

    Task<ObservationRecord?> GetObservationAsync(string projectId, string observationId, CancellationToken ct);
}
