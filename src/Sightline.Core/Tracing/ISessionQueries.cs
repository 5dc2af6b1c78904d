namespace Sightline.Tracing;

/// <summary>The session reads of the public API. Every query is scoped to one project.</summary>
public interface ISessionQueries
{
    /// <summary>One page of the project's sessions, newest first (ties by id), and the number of matching sessions.</summary>
    Task<ResultPage<SessionRecord>> ListSessionsAsync(SessionListQuery query, CancellationToken ct);

    /// <summary>Every trace of the session, oldest first; empty when no trace of the project names it.</summary>
    Task<IReadOnlyList<TraceRecord>> GetTracesOfSessionAsync(string projectId, string sessionId, CancellationToken ct);

    /// <summary>Whether any trace of the project names the session.</summary>
    Task<bool> SessionExistsAsync(string projectId, string sessionId, CancellationToken ct);
}
