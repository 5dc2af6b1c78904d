namespace Sightline.Metrics;

/// <summary><c>GET /api/public/metrics/daily</c>: trace filters (tags: all of; environments: any of, also applied to observations).</summary>
public sealed record DailyMetricsQuery
{
    public required string ProjectId { get; init; }
    public int Page { get; init; } = 1;
    public int Limit { get; init; } = 50;
    public string? TraceName { get; init; }
    public string? UserId { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> Environments { get; init; } = [];
    public DateTime? FromTimestamp { get; init; }
    public DateTime? ToTimestamp { get; init; }

    public long Offset => (Page - 1L) * Limit;
}
