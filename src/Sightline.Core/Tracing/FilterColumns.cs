using Sightline.Api;

namespace Sightline.Tracing;

/// <summary>
/// The columns the <c>filter</c> parameter of the trace and observation lists may name (besides <c>metadata</c>).
/// Langfuse's aggregated columns (latency, tokens, costs, level counts, scores) are not offered: a filter on them is
/// refused with a 400 naming the column rather than silently ignored.
/// </summary>
public static class FilterColumns
{
    public static readonly IReadOnlyDictionary<string, ColumnKind> Traces = new Dictionary<string, ColumnKind>(StringComparer.Ordinal)
    {
        ["id"] = ColumnKind.Text,
        ["name"] = ColumnKind.Text,
        ["timestamp"] = ColumnKind.Time,
        ["userId"] = ColumnKind.Text,
        ["sessionId"] = ColumnKind.Text,
        ["environment"] = ColumnKind.Text,
        ["version"] = ColumnKind.Text,
        ["release"] = ColumnKind.Text,
        ["tags"] = ColumnKind.TextList,
        ["bookmarked"] = ColumnKind.Boolean,
    };

    public static readonly IReadOnlyDictionary<string, ColumnKind> Observations = new Dictionary<string, ColumnKind>(StringComparer.Ordinal)
    {
        ["id"] = ColumnKind.Text,
        ["traceId"] = ColumnKind.Text,
        ["type"] = ColumnKind.Text,
        ["name"] = ColumnKind.Text,
        ["level"] = ColumnKind.Text,
        ["statusMessage"] = ColumnKind.Text,
        ["environment"] = ColumnKind.Text,
        ["version"] = ColumnKind.Text,
        ["parentObservationId"] = ColumnKind.Text,
        ["providedModelName"] = ColumnKind.Text,
        ["promptName"] = ColumnKind.Text,
        ["promptVersion"] = ColumnKind.Number,
        ["startTime"] = ColumnKind.Time,
        ["endTime"] = ColumnKind.Time,
        ["completionStartTime"] = ColumnKind.Time,
    };
}
