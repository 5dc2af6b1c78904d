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

    Task<ScoreRecord?> GetScoreAsync(string projectId, string scoreId, CancellationToken ct);
}
