using Sightline.Tracing;

namespace Sightline.Scores;

/// <summary>Reads for the public score API. Every query is scoped to one project.</summary>
public interface IScoreQueries
{
    /// <summary>
    /// One page of the project's scores matching the query, newest first (ties by id, descending), and the number of
    /// matching scores. The trace fields come for the page's scores only, when the query asks for them.
    /// </summary>
    Task<ResultPage<ScoreListItem>> ListScoresAsync(ScoreListQuery query, CancellationToken ct);

    /// <summary>
    /// The v3 list: up to <paramref name="limit"/> of the project's scores matching the query that come after the
    /// cursor (or from the start), newest first, ties by id descending.
    /// </summary>
    Task<IReadOnlyList<ScoreRecord>> ListScoresAfterAsync(ScoreV3Query query, ScoreCursor? after, int limit, CancellationToken ct);

    Task<ScoreRecord?> GetScoreAsync(string projectId, string scoreId, CancellationToken ct);
}
