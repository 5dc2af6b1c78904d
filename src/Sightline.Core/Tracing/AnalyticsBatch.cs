namespace Sightline.Tracing;

/// <summary>Merged rows to write together; each row replaces any stored row with the same project and id.</summary>
public sealed record AnalyticsBatch(
    IReadOnlyList<TraceRecord> Traces,
    IReadOnlyList<ObservationRecord> Observations,
    IReadOnlyList<ScoreRecord> Scores)
{
    public bool IsEmpty => Traces.Count == 0 && Observations.Count == 0 && Scores.Count == 0;
}
