using System.Globalization;
using Sightline.Storage.Analytics.Sql;

namespace Sightline.Storage.ClickHouse;

/// <summary>
/// Values of one query, bound by ClickHouse itself: SQL text only ever holds <c>{p0:Type}</c> placeholders (and fixed
/// SQL from this assembly), never a caller's string. The values travel as <c>param_p0</c> URL parameters.
/// </summary>
internal sealed class ClickHouseParameters : SqlParameterSet
{
    public const string TimeType = "DateTime64(3, 'UTC')";

    private readonly List<KeyValuePair<string, string>> _values = [];

    public IReadOnlyList<KeyValuePair<string, string>> Values => _values;

    public override string Add(string value) => Placeholder("String", ClickHouseText.Escaped(value));

    public override string Add(DateTime value) => Placeholder(TimeType, ClickHouseText.Time(value));

    public override string Add(double value) => Placeholder("Float64", value.ToString("R", CultureInfo.InvariantCulture));

    public override string Add(bool value) => Placeholder("Bool", value ? "true" : "false");

    /// <summary>An Array(String) value, e.g. for <c>x IN ({p:Array(String)})</c> or <c>has(tags, ...)</c>.</summary>
    public string Add(IEnumerable<string> values) =>
        Placeholder("Array(String)", "[" + string.Join(",", values.Select(ClickHouseText.Quoted)) + "]");

    public override string AddArray(IReadOnlyCollection<string> values) => Add(values);

    public override string AddInList(IReadOnlyCollection<string> values) => Add(values);

    private string Placeholder(string type, string value)
    {
        var name = "p" + _values.Count.ToString(CultureInfo.InvariantCulture);
        _values.Add(new(name, value));
        return "{" + name + ":" + type + "}";
    }
}
