using Sightline.Api;

namespace Sightline.Storage.Analytics.Sql;

/// <summary>
/// SQL for one validated filter condition on an expression the caller looked up by column name. The operator picks a
/// fixed SQL shape; the values are always bound parameters. Both engines give the same result, NULLs included.
/// </summary>
internal static class FilterSql
{
    /// <summary>
    /// The condition for a column filter, or for a metadata key (on <paramref name="metadata"/>, the map column).
    /// </summary>
    public static string Condition(ISqlDialect d, FilterCondition f, IReadOnlyDictionary<string, string> columns, string metadata, SqlParameterSet p) =>
        Condition(d, f, f.Target == FilterTarget.Metadata ? d.MapValue(metadata, p.Add(f.Key!)) : columns[f.Column], p);

    public static string Condition(ISqlDialect d, FilterCondition f, string x, SqlParameterSet p) => (f.Type, f.Operator) switch
    {
        ("string" or "stringObject", "=") => $"{x} = {p.Add(f.Text!)}",
        ("string" or "stringObject", "contains") => d.Contains(x, p.Add(f.Text!)),
        ("string" or "stringObject", "does not contain") => $"NOT {d.Contains($"coalesce({x}, '')", p.Add(f.Text!))}",
        ("string" or "stringObject", "starts with") => d.StartsWith(x, p.Add(f.Text!)),
        ("string" or "stringObject", "ends with") => d.EndsWith(x, p.Add(f.Text!)),
        ("stringOptions", "any of") => $"{x} IN ({p.AddInList(f.Texts)})",
        ("stringOptions", "none of") => f.Texts.Count == 0 ? "TRUE" : $"({x} IS NULL OR {x} NOT IN ({p.AddInList(f.Texts)}))",
        ("arrayOptions", "any of") => d.ArrayHasAny(x, p.AddArray(f.Texts)),
        ("arrayOptions", "all of") => d.ArrayHasAll(x, p.AddArray(f.Texts)),
        ("arrayOptions", "none of") => $"NOT {d.ArrayHasAny(x, p.AddArray(f.Texts))}",
        ("number", _) => $"{x} {Comparison(f.Operator)} {p.Add(f.Number!.Value)}",
        ("datetime", _) => $"{x} {Comparison(f.Operator)} {p.Add(f.Time!.Value)}",
        ("boolean", "=") => $"{x} = {p.Add(f.Flag!.Value)}",
        ("boolean", "<>") => $"{x} <> {p.Add(f.Flag!.Value)}",
        ("null", "is null") => $"{x} IS NULL",
        ("null", "is not null") => $"{x} IS NOT NULL",
        _ => throw new ArgumentException($"Unsupported filter {f.Type} {f.Operator}", nameof(f)),
    };

    /// <summary>A comparison operator of a filter or of the score list's <c>operator</c> (where <c>!=</c> is allowed too).</summary>
    public static string Comparison(string op) => op switch
    {
        "=" => "=",
        ">" => ">",
        "<" => "<",
        ">=" => ">=",
        "<=" => "<=",
        "!=" => "<>",
        _ => throw new ArgumentException($"Unsupported comparison {op}", nameof(op)),
    };
}
