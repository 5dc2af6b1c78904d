namespace Sightline.Tracing;

/// <summary><c>GET /api/public/sessions</c>: <c>fromTimestamp ≤ createdAt &lt; toTimestamp</c>, environment any of.</summary>
public sealed record SessionListQuery
{
    public required string ProjectId { get; init; }
    public int Page { get; init; } = 1;
    public int Limit { get; init; } = 50;
    public DateTime? FromTimestamp { get; init; }
    public DateTime? ToTimestamp { get; init; }
    public IReadOnlyList<string> Environments { get; init; } = [];

    public long Offset => (Page - 1L) * Limit;
}
