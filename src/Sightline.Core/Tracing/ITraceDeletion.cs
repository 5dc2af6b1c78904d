namespace Sightline.Tracing;

/// <summary>Deletes traces on request of the public API, and old data under a project's retention.</summary>
public interface ITraceDeletion
{
    /// <summary>
    /// Removes the project's traces with the given ids, their observations, and the scores on them (by trace id, or
    /// by an observation of theirs), all in one transaction. Ids that do not exist are ignored; other projects'
    /// rows are never touched. Returns the number of traces removed.
    /// </summary>
    Task<long> DeleteTracesAsync(string projectId, IReadOnlyCollection<string> traceIds, CancellationToken ct);

    /// <summary>
    /// Removes the project's traces, observations and scores from before <paramref name="cutoff"/>, each by its own
    /// time (a trace's timestamp, an observation's start time, a score's timestamp), as Langfuse's data retention
    /// does. Other projects' rows are never touched.
    /// </summary>
    Task<RetentionDeletion> DeleteOlderThanAsync(string projectId, DateTime cutoff, CancellationToken ct);
}
