namespace Sightline.Tracing;

/// <summary>An observation and its trace's fields; <c>Trace</c> is null when the trace row does not exist.</summary>
public sealed record ObservationWithTrace(ObservationRecord Observation, ObservationTraceContext? Trace);
