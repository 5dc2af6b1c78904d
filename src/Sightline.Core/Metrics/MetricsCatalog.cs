namespace Sightline.Metrics;

/// <summary>
/// The metrics views with Langfuse's dimension and measure names. Every storage engine maps each name listed here
/// to its own SQL; nothing outside this list ever reaches a query.
/// </summary>
public static class MetricsCatalog
{
    private static readonly Dictionary<string, DimensionKind> ScoreDimensions = new(StringComparer.Ordinal)
    {
        ["id"] = DimensionKind.Text,
        ["environment"] = DimensionKind.Text,
        ["name"] = DimensionKind.Text,
        ["source"] = DimensionKind.Text,
        ["dataType"] = DimensionKind.Text,
        ["traceId"] = DimensionKind.Text,
        ["observationId"] = DimensionKind.Text,
        ["configId"] = DimensionKind.Text,
        ["timestampMonth"] = DimensionKind.Text,
        ["timestampDay"] = DimensionKind.Text,
        ["traceName"] = DimensionKind.Text,
        ["tags"] = DimensionKind.TextList,
        ["userId"] = DimensionKind.Text,
        ["sessionId"] = DimensionKind.Text,
        ["traceRelease"] = DimensionKind.Text,
        ["traceVersion"] = DimensionKind.Text,
        ["observationName"] = DimensionKind.Text,
        ["observationModelName"] = DimensionKind.Text,
        ["observationPromptName"] = DimensionKind.Text,
        ["observationPromptVersion"] = DimensionKind.Number,
    };

    private static readonly HashSet<string> ScoreHighCardinality = ["id", "traceId", "userId", "sessionId", "observationId"];

    public static readonly MetricsViewDefinition Traces = new(
        MetricsView.Traces,
        "traces",
        ["timestamp"],
        new Dictionary<string, DimensionKind>(StringComparer.Ordinal)
        {
            ["id"] = DimensionKind.Text,
            ["name"] = DimensionKind.Text,
            ["tags"] = DimensionKind.TextList,
            ["userId"] = DimensionKind.Text,
            ["sessionId"] = DimensionKind.Text,
            ["release"] = DimensionKind.Text,
            ["version"] = DimensionKind.Text,
            ["environment"] = DimensionKind.Text,
            ["timestampMonth"] = DimensionKind.Text,
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
        new Dictionary<string, DimensionKind>(StringComparer.Ordinal)
        {
            ["id"] = DimensionKind.Text,
            ["traceId"] = DimensionKind.Text,
            ["traceName"] = DimensionKind.Text,
            ["environment"] = DimensionKind.Text,
            ["parentObservationId"] = DimensionKind.Text,
            ["type"] = DimensionKind.Text,
            ["name"] = DimensionKind.Text,
            ["level"] = DimensionKind.Text,
            ["version"] = DimensionKind.Text,
            ["tags"] = DimensionKind.TextList,
            ["release"] = DimensionKind.Text,
            ["providedModelName"] = DimensionKind.Text,
            ["promptName"] = DimensionKind.Text,
            ["promptVersion"] = DimensionKind.Number,
            ["userId"] = DimensionKind.Text,
            ["sessionId"] = DimensionKind.Text,
            ["traceRelease"] = DimensionKind.Text,
            ["traceVersion"] = DimensionKind.Text,
            ["startTimeMonth"] = DimensionKind.Text,
            ["isRootObservation"] = DimensionKind.Boolean,
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
        With(ScoreDimensions, "value", DimensionKind.Number),
        ScoreHighCardinality,
        new Dictionary<string, MeasureKind>(StringComparer.Ordinal) { ["count"] = MeasureKind.Number, ["value"] = MeasureKind.Number });

    public static readonly MetricsViewDefinition ScoresBoolean = new(
        MetricsView.ScoresBoolean,
        "scores-boolean",
        ["timestamp"],
        With(ScoreDimensions, "booleanValue", DimensionKind.Boolean),
        ScoreHighCardinality,
        new Dictionary<string, MeasureKind>(StringComparer.Ordinal) { ["count"] = MeasureKind.Number, ["value"] = MeasureKind.Number });

    public static readonly MetricsViewDefinition ScoresCategorical = new(
        MetricsView.ScoresCategorical,
        "scores-categorical",
        ["timestamp"],
        With(ScoreDimensions, "stringValue", DimensionKind.Text),
        ScoreHighCardinality,
        new Dictionary<string, MeasureKind>(StringComparer.Ordinal) { ["count"] = MeasureKind.Number });

    public static readonly IReadOnlyList<MetricsViewDefinition> All = [Traces, Observations, ScoresNumeric, ScoresBoolean, ScoresCategorical];

    public static MetricsViewDefinition Of(MetricsView view) => All.First(v => v.View == view);

    private static Dictionary<string, DimensionKind> With(Dictionary<string, DimensionKind> dimensions, string name, DimensionKind kind) =>
        new(dimensions, StringComparer.Ordinal) { [name] = kind };
}
