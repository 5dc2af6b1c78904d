using System.Text.Json.Serialization;

namespace Sightline.Scores;

/// <summary>The v3 list's <c>meta</c>: the page size and, unless this is the last page, the next page's cursor.</summary>
internal sealed record ScoresV3Meta(int Limit, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Cursor);
