using System.Collections.ObjectModel;

namespace Sightline.Tracing;

/// <summary>
/// One trace as stored in the analytics store, after merging all its events. Columns mirror Langfuse's ClickHouse
/// <c>traces</c> table so the scale profile's schema can be the same. Times are UTC with millisecond precision.
/// </summary>
public sealed record TraceRecord
{
    public required string ProjectId { get; init; }
    public required string Id { get; init; }
    public required DateTime Timestamp { get; init; }
    public string? Name { get; init; }
    public string? UserId { get; init; }
    public string? SessionId { get; init; }
    public string? Release { get; init; }
    public string? Version { get; init; }
    /// <summary>Metadata values are strings (JSON-encoded when not strings), as Langfuse stores them.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = ReadOnlyDictionary<string, string>.Empty;
    public IReadOnlyList<string> Tags { get; init; } = [];
    public bool Public { get; init; }
    public bool Bookmarked { get; init; }
    /// <summary>Raw JSON text of the input/output as sent (any JSON value).</summary>
    public string? Input { get; init; }
    public string? Output { get; init; }
    public required string Environment { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
}
