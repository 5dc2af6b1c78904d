using System.Text.Json.Serialization;

namespace Sightline.Health;

public sealed record HealthResponse(
    string Status,
    string Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null);
