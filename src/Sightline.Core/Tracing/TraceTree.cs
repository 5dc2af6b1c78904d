namespace Sightline.Tracing;

/// <summary>A trace with its observations and scores as of one moment (read in one snapshot).</summary>
public sealed record TraceTree(TraceRecord Trace, IReadOnlyList<ObservationRecord> Observations, IReadOnlyList<ScoreRecord> Scores);
