namespace Sightline.Storage.DuckDb;

/// <summary>
/// Column layout of one analytics table, in the order rows are appended and read. Maps are kept as DuckDB MAP
/// columns so later analytics can use map functions (<c>usage_details['input']</c>) as Langfuse's ClickHouse
/// queries do; DuckDB.NET's appender cannot write MAP values, so each map travels through the staging table as a
/// key list and a value list and becomes a MAP in the INSERT ... SELECT.
/// </summary>
internal sealed class AnalyticsTable(string name, IReadOnlyList<AnalyticsColumn> columns)
{
    public string Name => name;

    public string StagingName => "stage_" + name;

    /// <summary>Column names of the stored table, quoted, in read order.</summary>
    public string SelectList { get; } = string.Join(", ", columns.Select(c => Quote(c.Name)));

    /// <summary>The same list with a table alias, for joins.</summary>
    public string SelectListOf(string alias) => string.Join(", ", columns.Select(c => alias + "." + Quote(c.Name)));

    public string CreateStagingTableSql { get; } =
        $"CREATE TEMP TABLE IF NOT EXISTS {"stage_" + name} ({string.Join(", ", columns.SelectMany(StagingColumns))})";

    /// <summary>
    /// Replaces stored rows by the staged ones. The staged rows are unique per (project_id, id), so deleting every
    /// stored row with a staged key and inserting the staged rows leaves exactly one row per key. The delete joins
    /// the whole table's key columns, so it runs only when a staged key may already be stored.
    /// </summary>
    public string ReplaceFromStagingSql { get; } = $"""
        DELETE FROM {name} AS t USING {"stage_" + name} AS s WHERE t.project_id = s.project_id AND t.id = s.id;
        {InsertSql(name, columns)}
        """;

    /// <summary>Inserts the staged rows, none of whose keys is stored.</summary>
    public string InsertFromStagingSql { get; } = InsertSql(name, columns);

    private static string InsertSql(string name, IReadOnlyList<AnalyticsColumn> columns) => $"""
        INSERT INTO {name} ({string.Join(", ", columns.Select(c => Quote(c.Name)))})
        SELECT {string.Join(", ", columns.Select(StagingExpression))} FROM {"stage_" + name};
        DELETE FROM {"stage_" + name};
        """;

    private static IEnumerable<string> StagingColumns(AnalyticsColumn c) => c.MapValueType is { } valueType
        ? [$"{c.Name}_keys VARCHAR[] NOT NULL", $"{c.Name}_values {valueType}[] NOT NULL"]
        : [$"{Quote(c.Name)} {c.Type}"];

    private static string StagingExpression(AnalyticsColumn c) =>
        c.MapValueType is null ? Quote(c.Name) : $"map({c.Name}_keys, {c.Name}_values)";

    private static string Quote(string column) => '"' + column + '"';
}

/// <param name="MapValueType">Set for MAP(VARCHAR, that type) columns.</param>
internal sealed record AnalyticsColumn(string Name, string Type, string? MapValueType = null)
{
    public static AnalyticsColumn Map(string name, string valueType) => new(name, $"MAP(VARCHAR, {valueType})", valueType);
}
