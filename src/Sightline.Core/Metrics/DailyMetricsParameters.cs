using Microsoft.AspNetCore.Mvc;

namespace Sightline.Metrics;

/// <summary>Query parameters of <c>GET /api/public/metrics/daily</c>.</summary>
internal sealed class DailyMetricsParameters
{
    [FromQuery(Name = "page")] public string? Page { get; init; }
    [FromQuery(Name = "limit")] public string? Limit { get; init; }
    [FromQuery(Name = "traceName")] public string? TraceName { get; init; }
    [FromQuery(Name = "userId")] public string? UserId { get; init; }
    [FromQuery(Name = "tags")] public string[]? Tags { get; init; }
    [FromQuery(Name = "environment")] public string[]? Environment { get; init; }
    [FromQuery(Name = "fromTimestamp")] public string? FromTimestamp { get; init; }
    [FromQuery(Name = "toTimestamp")] public string? ToTimestamp { get; init; }
}
