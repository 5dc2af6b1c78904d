using System.Text.Json;

namespace Sightline.Metrics;

/// <summary><c>GET /api/public/metrics</c>: one object per result row.</summary>
internal sealed record MetricsResponse(IReadOnlyList<JsonElement> Data);
