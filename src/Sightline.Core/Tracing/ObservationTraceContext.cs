namespace Sightline.Tracing;

/// <summary>The trace fields the v2 observation list shows beside each observation.</summary>
public sealed record ObservationTraceContext(string? Name, string? UserId, string? SessionId, IReadOnlyList<string> Tags, string? Release, bool Public, bool Bookmarked);
