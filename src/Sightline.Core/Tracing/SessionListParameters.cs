using Microsoft.AspNetCore.Mvc;

namespace Sightline.Tracing;

/// <summary>Query parameters of <c>GET /api/public/sessions</c>.</summary>
internal sealed class SessionListParameters
{
    [FromQuery(Name = "page")] public string? Page { get; init; }
    [FromQuery(Name = "limit")] public string? Limit { get; init; }
    [FromQuery(Name = "fromTimestamp")] public string? FromTimestamp { get; init; }
    [FromQuery(Name = "toTimestamp")] public string? ToTimestamp { get; init; }
    [FromQuery(Name = "environment")] public string[]? Environment { get; init; }
}
