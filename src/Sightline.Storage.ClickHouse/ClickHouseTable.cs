namespace Sightline.Storage.ClickHouse;

/// <summary>
/// Column names of one analytics table in the order rows are written and read (the data columns, without the
/// <c>event_ts</c> version and <c>is_deleted</c> flag that every table carries beside them).
/// </summary>
internal sealed class ClickHouseTable(string name, IReadOnlyList<string> columns)
{
    public string Name => name;

    /// <summary>The data columns, in read order.</summary>
    public string SelectList { get; } = string.Join(", ", columns);

    /// <summary>The same list with a table alias, for joins.</summary>
    public string SelectListOf(string alias) => string.Join(", ", columns.Select(c => alias + "." + c));

    /// <summary>Every column an INSERT of a full row names: the data columns, the version and the deletion flag.</summary>
    public string InsertList { get; } = string.Join(", ", columns) + ", event_ts, is_deleted";
}
