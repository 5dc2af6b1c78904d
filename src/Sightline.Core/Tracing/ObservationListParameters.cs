using Microsoft.AspNetCore.Mvc;

namespace Sightline.Tracing;

/// <summary>Query parameters of <c>GET /api/public/observations</c> (v1, page-based).</summary>
internal sealed class ObservationListParameters
{
    [FromQuery(Name = "page")] public string? Page { get; init; }
    [FromQuery(Name = "limit")] public string? Limit { get; init; }
    [FromQuery(Name = "name")] public string? Name { get; init; }
    [FromQuery(Name = "userId")] public string? UserId { get; init; }
    [FromQuery(Name = "type")] public string? Type { get; init; }
    [FromQuery(Name = "traceId")] public string? TraceId { get; init; }
    [FromQuery(Name = "level")] public string? Level { get; init; }
    [FromQuery(Name = "parentObservationId")] public string? ParentObservationId { get; init; }
    [FromQuery(Name = "environment")] public string[]? Environment { get; init; }
    [FromQuery(Name = "fromStartTime")] public string? FromStartTime { get; init; }
    [FromQuery(Name = "toStartTime")] public string? ToStartTime { get; init; }
    [FromQuery(Name = "version")] public string? Version { get; init; }
    [FromQuery(Name = "filter")] public string? Filter { get; init; }
}
