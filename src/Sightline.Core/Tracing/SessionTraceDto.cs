using System.Text.Json;

namespace Sightline.Tracing;

/// <summary>A trace inside <c>GET /api/public/sessions/{id}</c>: Langfuse's plain trace object.</summary>
internal sealed record SessionTraceDto(
    string Id,
    string? ExternalId,
    DateTime Timestamp,
    string? Name,
    string? UserId,
    JsonElement Metadata,
    string? Release,
    string? Version,
    string ProjectId,
    string Environment,
    bool Public,
    bool Bookmarked,
    IReadOnlyList<string> Tags,
    JsonElement? Input,
    JsonElement? Output,
    string? SessionId,
    DateTime CreatedAt,
    DateTime UpdatedAt);
