namespace Sightline.Metrics;

/// <summary>
/// Rows of a metrics query: dimension columns (by name), <c>time_dimension</c> (bucket start, UTC) when bucketed, then
/// the metric columns (by alias). Values are null, long, double, decimal, bool, string, DateTime or a string list.
/// </summary>
public sealed record MetricsTable(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
{
    public const string TimeColumn = "time_dimension";
}
