using System.Text.Json;

namespace Sightline.Tracing;

/// <summary>A trace of <c>GET /api/public/traces</c>: observation and score ids instead of the full objects.</summary>
internal sealed record TraceListItemDto(
    string Id,
    string ProjectId,
    DateTime Timestamp,
    string? Name,
    JsonElement? Input,
    JsonElement? Output,
    string? SessionId,
    string? Release,
    string? Version,
    string? UserId,
    JsonElement Metadata,
    IReadOnlyList<string> Tags,
    bool Public,
    bool Bookmarked,
    string Environment,
    string HtmlPath,
    double Latency,
    decimal TotalCost,
    string? ExternalId,
    IReadOnlyList<string> Observations,
    IReadOnlyList<string> Scores,
    DateTime CreatedAt,
    DateTime UpdatedAt);
