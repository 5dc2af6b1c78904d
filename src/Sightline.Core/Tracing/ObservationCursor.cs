namespace Sightline.Tracing;

/// <summary>Position after the last observation of a v2 page, in the list's order (start time, trace id, id; descending).</summary>
public sealed record ObservationCursor(DateTime StartTime, string TraceId, string Id);
