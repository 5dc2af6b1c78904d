using Sightline.Api;

namespace Sightline.Scores;

/// <summary>The columns the <c>filter</c> parameter of the score lists may name (besides <c>metadata</c>).</summary>
public static class ScoreFilterColumns
{
    public static readonly IReadOnlyDictionary<string, ColumnKind> All = new Dictionary<string, ColumnKind>(StringComparer.Ordinal)
    {
        ["id"] = ColumnKind.Text,
        ["name"] = ColumnKind.Text,
        ["source"] = ColumnKind.Text,
        ["dataType"] = ColumnKind.Text,
        ["environment"] = ColumnKind.Text,
        ["traceId"] = ColumnKind.Text,
        ["observationId"] = ColumnKind.Text,
        ["sessionId"] = ColumnKind.Text,
        ["datasetRunId"] = ColumnKind.Text,
        ["configId"] = ColumnKind.Text,
        ["queueId"] = ColumnKind.Text,
        ["authorUserId"] = ColumnKind.Text,
        ["comment"] = ColumnKind.Text,
        ["stringValue"] = ColumnKind.Text,
        ["value"] = ColumnKind.Number,
        ["timestamp"] = ColumnKind.Time,
    };
}
