using System.Globalization;
using DuckDB.NET.Data;

namespace Sightline.Storage.DuckDb;

/// <summary>
/// Values of one query, bound by name: SQL text only ever holds <c>$p0</c>-style placeholders (and fixed SQL from
/// this assembly), never a caller's string.
/// </summary>
internal sealed class SqlParameters
{
    private readonly List<(string Name, object? Value)> _values = [];

    /// <summary>Adds a value and returns its placeholder.</summary>
    public string Add(object? value)
    {
        var name = "p" + _values.Count.ToString(CultureInfo.InvariantCulture);
        _values.Add((name, value));
        return "$" + name;
    }

    /// <summary>Placeholders for each value, comma-separated, for <c>IN (...)</c>.</summary>
    public string AddEach(IEnumerable<string> values) => string.Join(", ", values.Select(v => Add(v)));

    /// <summary>Fresh parameter objects for one command (a parameter belongs to one command only).</summary>
    public DuckDBParameter[] Create(params (string Name, object Value)[] extra) =>
        [.. _values.Select(v => new DuckDBParameter(v.Name, v.Value)), .. extra.Select(e => new DuckDBParameter(e.Name, e.Value))];
}
