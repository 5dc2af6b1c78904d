using System.Text.Json.Serialization;

namespace Sightline.Tracing;

public sealed record CursorMeta([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Cursor);
