using Sightline.Api;

namespace Sightline.Storage.ClickHouse;

/// <summary>
/// SQL for one validated filter condition on an expression the caller looked up by column name. The operator picks a
/// fixed SQL shape; the values are always bound parameters. Results match the embedded store's, NULLs included.
/// </summary>
internal static class ClickHouseFilterSql
{
    /// <summary>
    /// The condition for a column filter, or for a metadata key (on <paramref name="metadata"/>, the map column).
    /// </summary>
    public static string Condition(FilterCondition f, IReadOnlyDictionary<string, string> columns, string metadata, ClickHouseParameters p) =>
        Condition(f, f.Target == FilterTarget.Metadata ? MetadataValue(metadata, f.Key!, p) : columns[f.Column], p);

    /// <summary>
    /// A metadata value, NULL when the key is absent (a ClickHouse map yields '' for a missing key; the embedded
    /// store's map yields NULL, and "is null" filters must agree).
    /// </summary>
    public static string MetadataValue(string metadata, string key, ClickHouseParameters p)
    {
        var k = p.Add(key);
        return $"if(mapContains({metadata}, {k}), {metadata}[{k}], NULL)";
    }

    public static string Condition(FilterCondition f, string x, ClickHouseParameters p) => (f.Type, f.Operator) switch
    {
        ("string" or "stringObject", "=") => $"{x} = {p.Add(f.Text!)}",
        ("string" or "stringObject", "contains") => $"position({x}, {p.Add(f.Text!)}) > 0",
        ("string" or "stringObject", "does not contain") => $"position(coalesce({x}, ''), {p.Add(f.Text!)}) = 0",
        ("string" or "stringObject", "starts with") => $"startsWith({x}, {p.Add(f.Text!)})",
        ("string" or "stringObject", "ends with") => $"endsWith({x}, {p.Add(f.Text!)})",
        ("stringOptions", "any of") => $"{x} IN ({p.Add(f.Texts)})",
        ("stringOptions", "none of") => f.Texts.Count == 0 ? "true" : $"({x} IS NULL OR {x} NOT IN ({p.Add(f.Texts)}))",
        ("arrayOptions", "any of") => $"hasAny({x}, {p.Add(f.Texts)})",
        ("arrayOptions", "all of") => $"hasAll({x}, {p.Add(f.Texts)})",
        ("arrayOptions", "none of") => $"NOT hasAny({x}, {p.Add(f.Texts)})",
        ("number", _) => $"{x} {Comparison(f.Operator)} {p.Add(f.Number!.Value)}",
        ("datetime", _) => $"{x} {Comparison(f.Operator)} {p.Add(f.Time!.Value)}",
        ("boolean", "=") => $"{x} = {p.Add(f.Flag!.Value)}",
        ("boolean", "<>") => $"{x} <> {p.Add(f.Flag!.Value)}",
        ("null", "is null") => $"{x} IS NULL",
        ("null", "is not null") => $"{x} IS NOT NULL",
        _ => throw new ArgumentException($"Unsupported filter {f.Type} {f.Operator}", nameof(f)),
    };

    private static string Comparison(string op) => op switch
    {
        "=" => "=",
        ">" => ">",
        "<" => "<",
        ">=" => ">=",
        "<=" => "<=",
        _ => throw new ArgumentException($"Unsupported comparison {op}", nameof(op)),
    };
}
