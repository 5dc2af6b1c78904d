using Sightline.Tracing;

namespace Sightline.Scores;

/// <summary>The score configs the ingestion worker checks scores against.</summary>
public interface IScoreConfigLookup
{
    /// <summary>The configs with the given (project, config id) keys; unknown keys are absent from the result.</summary>
    Task<IReadOnlyList<ScoreConfig>> GetAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct);
}
