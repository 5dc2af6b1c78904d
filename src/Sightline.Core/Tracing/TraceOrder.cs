namespace Sightline.Tracing;

/// <summary>A trace list's order; rows that tie on the column are ordered by id in the same direction.</summary>
public readonly record struct TraceOrder(TraceSortColumn Column, bool Descending)
{
    public static TraceOrder Default => new(TraceSortColumn.Timestamp, Descending: true);

    private static readonly Dictionary<string, TraceSortColumn> Columns = new(StringComparer.Ordinal)
    {
        ["id"] = TraceSortColumn.Id,
        ["timestamp"] = TraceSortColumn.Timestamp,
        ["name"] = TraceSortColumn.Name,
        ["userId"] = TraceSortColumn.UserId,
        ["release"] = TraceSortColumn.Release,
        ["version"] = TraceSortColumn.Version,
        ["public"] = TraceSortColumn.Public,
        ["bookmarked"] = TraceSortColumn.Bookmarked,
        ["sessionId"] = TraceSortColumn.SessionId,
    };

    public static string Expected => $"orderBy: must be <field>.asc or <field>.desc with field one of {string.Join(", ", Columns.Keys)} (e.g. timestamp.desc)";

    /// <summary><c>field.asc</c> or <c>field.desc</c> (direction case-insensitive); absent or empty means the default.</summary>
    public static bool TryParse(string? text, out TraceOrder order)
    {
        order = Default;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var dot = text.LastIndexOf('.');
        if (dot <= 0 || !Columns.TryGetValue(text[..dot], out var column))
        {
            return false;
        }

        var direction = text[(dot + 1)..];
        if (direction.Equals("asc", StringComparison.OrdinalIgnoreCase))
        {
            order = new TraceOrder(column, Descending: false);
            return true;
        }

        if (direction.Equals("desc", StringComparison.OrdinalIgnoreCase))
        {
            order = new TraceOrder(column, Descending: true);
            return true;
        }

        return false;
    }
}
