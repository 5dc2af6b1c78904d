using Sightline.Api;

namespace Sightline.Storage.DuckDb;

/// <summary>
/// SQL for one validated filter condition on an expression the caller looked up by column name. The operator picks a
/// fixed SQL shape; the values are always bound parameters.
/// </summary>
internal static class DuckDbFilterSql
{
    /// <summary>
    /// The condition for a column filter, or for a metadata key (on <paramref name="metadata"/>, the map column).
    /// </summary>
    public static string Condition(FilterCondition f, IReadOnlyDictionary<string, string> columns, string metadata, SqlParameters p) =>
        Condition(f, f.Target == FilterTarget.Metadata ? $"{metadata}[{p.Add(f.Key)}]" : columns[f.Column], p);

    public static string Condition(FilterCondition f, string x, SqlParameters p) => (f.Type, f.Operator) switch
    {
        ("string" or "stringObject", "=") => $"{x} = {p.Add(f.Text)}",
        ("string" or "stringObject", "contains") => $"contains({x}, {p.Add(f.Text)})",
        ("string" or "stringObject", "does not contain") => $"NOT contains(coalesce({x}, ''), {p.Add(f.Text)})",
        ("string" or "stringObject", "starts with") => $"starts_with({x}, {p.Add(f.Text)})",
        ("string" or "stringObject", "ends with") => $"ends_with({x}, {p.Add(f.Text)})",
        ("stringOptions", "any of") => $"{x} IN ({p.AddEach(f.Texts)})",
        ("stringOptions", "none of") => f.Texts.Count == 0 ? "TRUE" : $"({x} IS NULL OR {x} NOT IN ({p.AddEach(f.Texts)}))",
        ("arrayOptions", "any of") => $"list_has_any({x}, {p.Add(f.Texts.ToList())})",
        ("arrayOptions", "all of") => $"list_has_all({x}, {p.Add(f.Texts.ToList())})",
        ("arrayOptions", "none of") => $"NOT list_has_any({x}, {p.Add(f.Texts.ToList())})",
        ("number", _) => $"{x} {Comparison(f.Operator)} {p.Add(f.Number)}",
        ("datetime", _) => $"{x} {Comparison(f.Operator)} {p.Add(f.Time)}",
        ("boolean", "=") => $"{x} = {p.Add(f.Flag)}",
        ("boolean", "<>") => $"{x} <> {p.Add(f.Flag)}",
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
