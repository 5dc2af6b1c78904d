namespace Sightline.Tracing;

/// <summary>
/// Langfuse's <c>fields</c> groups of the trace reads. <c>core</c> is always included; without the parameter every
/// group is. An excluded group reads as empty lists (observations, scores), <c>-1</c> (latency, totalCost) or
/// empty values (input, output, metadata).
/// </summary>
[Flags]
public enum TraceFields
{
    None = 0,
    Io = 1,
    Scores = 2,
    Observations = 4,
    Metrics = 8,
    All = Io | Scores | Observations | Metrics,
}
