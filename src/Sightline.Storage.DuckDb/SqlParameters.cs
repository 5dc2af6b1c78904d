using System.Globalization;
using DuckDB.NET.Data;
using Sightline.Storage.Analytics.Sql;

namespace Sightline.Storage.DuckDb;

/// <summary>
/// Values of one query, bound by name: SQL text only ever holds <c>$p0</c>-style placeholders (and fixed SQL from
/// this assembly), never a caller's string.
/// </summary>
internal sealed class SqlParameters : SqlParameterSet
{
    private readonly List<(string Name, object? Value)> _values = [];

    public override string Add(string value) => AddValue(value);

    public override string Add(DateTime value) => AddValue(value);

    public override string Add(double value) => AddValue(value);

    public override string Add(bool value) => AddValue(value);

    /// <summary>A VARCHAR[] value.</summary>
    public override string AddArray(IReadOnlyCollection<string> values) => AddValue(values.ToList());

    /// <summary>Placeholders for each value, comma-separated, for <c>IN (...)</c>.</summary>
    public override string AddInList(IReadOnlyCollection<string> values) => AddEach(values);

    /// <summary>Placeholders for each value, comma-separated, for <c>IN (...)</c>.</summary>
    public string AddEach(IEnumerable<string> values) => string.Join(", ", values.Select(Add));

    /// <summary>Fresh parameter objects for one command (a parameter belongs to one command only).</summary>
    public DuckDBParameter[] Create(params (string Name, object Value)[] extra) =>
        [.. _values.Select(v => new DuckDBParameter(v.Name, v.Value)), .. extra.Select(e => new DuckDBParameter(e.Name, e.Value))];

    private string AddValue(object value)
    {
        var name = "p" + _values.Count.ToString(CultureInfo.InvariantCulture);
        _values.Add((name, value));
        return "$" + name;
    }
}
