namespace Sightline.Tracing;

/// <summary>Deletes traces on request of the public API.</summary>
public interface ITraceDeletion
{
    /// <summary>
    /// Removes the project's traces with the given ids, their observations, and the scores on them (by trace id, or
    /// by an observation of theirs), all in one transaction. Ids that do not exist are ignored; other projects'
    /// rows are never touched. Returns the number of traces removed.
    /// </summary>
    Task<long> DeleteTracesAsync(string projectId, IReadOnlyCollection<string> traceIds, CancellationToken ct);
}
