using Microsoft.AspNetCore.Mvc;

namespace Sightline.Tracing;

/// <summary>Query parameters of <c>GET /api/public/traces</c>, bound as text so bad values get Langfuse's 400.</summary>
internal sealed class TraceListParameters
{
    [FromQuery(Name = "page")] public string? Page { get; init; }
    [FromQuery(Name = "limit")] public string? Limit { get; init; }
    [FromQuery(Name = "userId")] public string? UserId { get; init; }
    [FromQuery(Name = "name")] public string? Name { get; init; }
    [FromQuery(Name = "sessionId")] public string? SessionId { get; init; }
    [FromQuery(Name = "fromTimestamp")] public string? FromTimestamp { get; init; }
    [FromQuery(Name = "toTimestamp")] public string? ToTimestamp { get; init; }
    [FromQuery(Name = "orderBy")] public string? OrderBy { get; init; }
    [FromQuery(Name = "tags")] public string[]? Tags { get; init; }
    [FromQuery(Name = "version")] public string? Version { get; init; }
    [FromQuery(Name = "release")] public string? Release { get; init; }
    [FromQuery(Name = "environment")] public string[]? Environment { get; init; }
    [FromQuery(Name = "fields")] public string? Fields { get; init; }
    [FromQuery(Name = "filter")] public string? Filter { get; init; }
}
