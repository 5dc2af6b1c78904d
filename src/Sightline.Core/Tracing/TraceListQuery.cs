using Sightline.Api;

namespace Sightline.Tracing;

/// <summary>
/// <c>GET /api/public/traces</c>: every filter given must hold (tags: the trace has all of them; environments: any
/// of them). The time range is <c>fromTimestamp ≤ timestamp &lt; toTimestamp</c>. <see cref="Conditions"/> name
/// columns of <see cref="FilterColumns.Traces"/>.
/// </summary>
public sealed record TraceListQuery
{
    public required string ProjectId { get; init; }
    public int Page { get; init; } = 1;
    public int Limit { get; init; } = 50;
    public string? UserId { get; init; }
    public string? Name { get; init; }
    public string? SessionId { get; init; }
    public string? Version { get; init; }
    public string? Release { get; init; }
    public DateTime? FromTimestamp { get; init; }
    public DateTime? ToTimestamp { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> Environments { get; init; } = [];
    public IReadOnlyList<FilterCondition> Conditions { get; init; } = [];
    public TraceOrder OrderBy { get; init; } = TraceOrder.Default;
    public TraceFields Fields { get; init; } = TraceFields.All;

    public long Offset => (Page - 1L) * Limit;
}
