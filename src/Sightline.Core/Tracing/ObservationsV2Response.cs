using System.Text.Json;

namespace Sightline.Tracing;

/// <summary>
/// <c>GET /api/public/v2/observations</c>: each item carries only the requested field groups, so items are built as
/// JSON directly; <c>meta.cursor</c> is absent on the last page.
/// </summary>
internal sealed record ObservationsV2Response(IReadOnlyList<JsonElement> Data, CursorMeta Meta);
