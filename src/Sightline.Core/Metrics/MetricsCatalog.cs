using Sightline.Api;

namespace Sightline.Metrics;

/// <summary>
/// The metrics views with Langfuse's dimension and measure names. Every storage engine maps each name listed here
/// to its own SQL; nothing outside this list ever reaches a query.
/// </summary>
public static class MetricsCatalog
{
    private static readonly Dictionary<string, ColumnKind> ScoreDimensions = new(StringComparer.Ordinal)
    {
        ["id"] = ColumnKind.Text,
        ["environment"] = ColumnKind.Text,
        ["name"] = ColumnKind.Text,
        ["source"] = ColumnKind.Text,
        ["dataType"] = ColumnKind.Text,
        ["traceId"] = ColumnKind.Text,
        ["observationId"] = ColumnKind.Text,
        ["configId"] = ColumnKind.Text,
        ["timestampMonth"] = ColumnKind.Text,
        ["timestampDay"] = ColumnKind.Text,
        ["traceName"] = ColumnKind.Text,
        ["tags"] = ColumnKind.TextList,
        ["userId"] = ColumnKind.Text,
        ["sessionId"] = ColumnKind.Text,
        ["traceRelease"] = ColumnKind.Text,
        ["traceVersion"] = ColumnKind.Text,
        ["observationName"] = ColumnKind.Text,
        ["observationModelName"] = ColumnKind.Text,
        ["observationPromptName"] = ColumnKind.Text,
        ["observationPromptVersion"] = ColumnKind.Number,
    };

    private static readonly HashSet<string> ScoreHighCardinality = ["id", "traceId", "userId", "sessionId", "observationId"];

    public static readonly MetricsViewDefinition Traces = new(
        MetricsView.Traces,
        "traces",
        ["timestamp"],
        new Dictionary<string, ColumnKind>(StringComparer.Ordinal)
        {
            ["id"] = ColumnKind.Text,
            ["name"] = ColumnKind.Text,
            ["tags"] = ColumnKind.TextList,
            ["userId"] = ColumnKind.Text,
            ["sessionId"] = ColumnKind.Text,
            ["release"] = ColumnKind.Text,
            ["version"] = ColumnKind.Text,
            ["environment"] = ColumnKind.Text,
            ["timestampMonth"] = ColumnKind.Text,
        },
        new HashSet<string> { "id", "userId", "sessionId" },
        new Dictionary<string, MeasureKind>(StringComparer.Ordinal)
        {
            ["count"] = MeasureKind.Number,
            ["observationsCount"] = MeasureKind.Number,
            ["scoresCount"] = MeasureKind.Number,
            ["uniqueUserIds"] = MeasureKind.Distinct,
            ["uniqueSessionIds"] = MeasureKind.Distinct,
            ["latency"] = MeasureKind.Number,
            ["totalTokens"] = MeasureKind.Number,
            ["totalCost"] = MeasureKind.Number,
        });

    public static readonly MetricsViewDefinition Observations = new(
        MetricsView.Observations,
        "observations",
        ["startTime", "start_time"],
        new Dictionary<string, ColumnKind>(StringComparer.Ordinal)
        {
            ["id"] = ColumnKind.Text,
            ["traceId"] = ColumnKind.Text,
            ["traceName"] = ColumnKind.Text,
            ["environment"] = ColumnKind.Text,
            ["parentObservationId"] = ColumnKind.Text,
            ["type"] = ColumnKind.Text,
            ["name"] = ColumnKind.Text,
            ["level"] = ColumnKind.Text,
            ["version"] = ColumnKind.Text,
            ["tags"] = ColumnKind.TextList,
            ["release"] = ColumnKind.Text,
            ["providedModelName"] = ColumnKind.Text,
            ["promptName"] = ColumnKind.Text,
            ["promptVersion"] = ColumnKind.Number,
            ["userId"] = ColumnKind.Text,
            ["sessionId"] = ColumnKind.Text,
            ["traceRelease"] = ColumnKind.Text,
            ["traceVersion"] = ColumnKind.Text,
            ["startTimeMonth"] = ColumnKind.Text,
            ["isRootObservation"] = ColumnKind.Boolean,
        },
        new HashSet<string> { "id", "traceId", "userId", "sessionId", "parentObservationId" },
        new Dictionary<string, MeasureKind>(StringComparer.Ordinal)
        {
            ["count"] = MeasureKind.Number,
            ["latency"] = MeasureKind.Number,
            ["streamingLatency"] = MeasureKind.Number,
            ["inputTokens"] = MeasureKind.Number,
            ["outputTokens"] = MeasureKind.Number,
            ["totalTokens"] = MeasureKind.Number,
            ["outputTokensPerSecond"] = MeasureKind.Number,
            ["tokensPerSecond"] = MeasureKind.Number,
            ["inputCost"] = MeasureKind.Number,
            ["outputCost"] = MeasureKind.Number,
            ["totalCost"] = MeasureKind.Number,
            ["timeToFirstToken"] = MeasureKind.Number,
            ["countScores"] = MeasureKind.Number,
        });

    public static readonly MetricsViewDefinition ScoresNumeric = new(
        MetricsView.ScoresNumeric,
        "scores-numeric",
        ["timestamp"],
        With(ScoreDimensions, "value", ColumnKind.Number),
        ScoreHighCardinality,
        new Dictionary<string, MeasureKind>(StringComparer.Ordinal) { ["count"] = MeasureKind.Number, ["value"] = MeasureKind.Number });

    public static readonly MetricsViewDefinition ScoresBoolean = new(
        MetricsView.ScoresBoolean,
        "scores-boolean",
        ["timestamp"],
        With(ScoreDimensions, "booleanValue", ColumnKind.Boolean),
        ScoreHighCardinality,
        new Dictionary<string, MeasureKind>(StringComparer.Ordinal) { ["count"] = MeasureKind.Number, ["value"] = MeasureKind.Number });

    public static readonly MetricsViewDefinition ScoresCategorical = new(
        MetricsView.ScoresCategorical,
        "scores-categorical",
        ["timestamp"],
        With(ScoreDimensions, "stringValue", ColumnKind.Text),
        ScoreHighCardinality,
        new Dictionary<string, MeasureKind>(StringComparer.Ordinal) { ["count"] = MeasureKind.Number });

    public static readonly IReadOnlyList<MetricsViewDefinition> All = [Traces, Observations, ScoresNumeric, ScoresBoolean, ScoresCategorical];

    public static MetricsViewDefinition Of(MetricsView view) => All.First(v => v.View == view);

    private static Dictionary<string, ColumnKind> With(Dictionary<string, ColumnKind> dimensions, string name, ColumnKind kind) =>
        new(dimensions, StringComparer.Ordinal) { [name] = kind };
}
