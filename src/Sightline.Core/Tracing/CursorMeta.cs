using System.Text.Json.Serialization;

namespace Sightline.Tracing;

internal sealed record CursorMeta([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Cursor);
