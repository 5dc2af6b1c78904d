namespace Sightline.Tracing;

/// <summary>Merged rows to write together; each row replaces any stored row with the same project and id.</summary>
public sealed record AnalyticsBatch(
    IReadOnlyList<TraceRecord> Traces,
    IReadOnlyList<ObservationRecord> Observations,
    IReadOnlyList<ScoreRecord> Scores)
{
    /// <summary>Scores to remove, in the same transaction; never a key of <see cref="Scores"/>.</summary>
    public IReadOnlyList<EntityKey> DeletedScores { get; init; } = [];

    public bool IsEmpty => Traces.Count == 0 && Observations.Count == 0 && Scores.Count == 0 && DeletedScores.Count == 0;
}
