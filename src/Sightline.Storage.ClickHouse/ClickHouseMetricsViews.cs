using Sightline.Metrics;

namespace Sightline.Storage.ClickHouse;

/// <summary>
/// SQL for every dimension and measure of <see cref="MetricsCatalog"/>, giving the embedded store's results. Measures
/// are per row of the view (one trace, observation or score); per-trace observation figures come pre-aggregated from
/// a joined subquery, so joining them never multiplies rows. Usage and cost "input"/"output" sum every key containing
/// that word, as Langfuse does. Joined tables are read with FINAL like every other read, restricted to the project.
/// </summary>
internal static class ClickHouseMetricsViews
{
    private static string KeysContaining(string map, string word) =>
        $"arraySum(mapValues(mapFilter((k, v) -> position(lower(k), '{word}') > 0, {map})))";

    private static string Milliseconds(string from, string to) => $"(toUnixTimestamp64Milli({to}) - toUnixTimestamp64Milli({from}))";

    private static readonly Dictionary<string, MetricsColumnSql> ScoreDimensions = new(StringComparer.Ordinal)
    {
        ["id"] = new("s.id"),
        ["environment"] = new("s.environment"),
        ["name"] = new("s.name"),
        ["source"] = new("s.source"),
        ["dataType"] = new("s.data_type"),
        ["traceId"] = new("s.trace_id"),
        ["observationId"] = new("s.observation_id"),
        ["configId"] = new("s.config_id"),
        ["timestampMonth"] = new("formatDateTime(s.timestamp, '%Y-%m')"),
        ["timestampDay"] = new("formatDateTime(s.timestamp, '%Y-%m-%d')"),
        ["traceName"] = new("t.name", MetricsJoin.Trace),
        ["tags"] = new("t.tags", MetricsJoin.Trace),
        ["userId"] = new("t.user_id", MetricsJoin.Trace),
        ["sessionId"] = new("t.session_id", MetricsJoin.Trace),
        ["traceRelease"] = new("t.release", MetricsJoin.Trace),
        ["traceVersion"] = new("t.version", MetricsJoin.Trace),
        ["observationName"] = new("o.name", MetricsJoin.Observation),
        ["observationModelName"] = new("o.provided_model_name", MetricsJoin.Observation),
        ["observationPromptName"] = new("o.prompt_name", MetricsJoin.Observation),
        ["observationPromptVersion"] = new("o.prompt_version", MetricsJoin.Observation),
    };

    private static readonly Dictionary<string, MetricsColumnSql> ScoreMeasures = new(StringComparer.Ordinal)
    {
        ["count"] = new("1"),
        ["value"] = new("s.value"),
    };

    private static readonly Dictionary<MetricsView, MetricsViewSql> Views = new()
    {
        [MetricsView.Traces] = new("traces", "t", "t.timestamp", "t.metadata", null,
            new Dictionary<string, MetricsColumnSql>(StringComparer.Ordinal)
            {
                ["id"] = new("t.id"),
                ["name"] = new("t.name"),
                ["tags"] = new("t.tags"),
                ["userId"] = new("t.user_id"),
                ["sessionId"] = new("t.session_id"),
                ["release"] = new("t.release"),
                ["version"] = new("t.version"),
                ["environment"] = new("t.environment"),
                ["timestampMonth"] = new("formatDateTime(t.timestamp, '%Y-%m')"),
            },
            new Dictionary<string, MetricsColumnSql>(StringComparer.Ordinal)
            {
                ["count"] = new("1"),
                ["observationsCount"] = new("coalesce(os.observation_count, 0)", MetricsJoin.ObservationStats),
                ["scoresCount"] = new("coalesce(ss.score_count, 0)", MetricsJoin.ScoreStats),
                ["uniqueUserIds"] = new("t.user_id"),
                ["uniqueSessionIds"] = new("t.session_id"),
                ["latency"] = new(Milliseconds("os.first_start", "os.last_end"), MetricsJoin.ObservationStats),
                ["totalTokens"] = new("os.total_tokens", MetricsJoin.ObservationStats),
                ["totalCost"] = new("os.cost_sum", MetricsJoin.ObservationStats),
            }),
        [MetricsView.Observations] = new("observations", "o", "o.start_time", "o.metadata", null,
            new Dictionary<string, MetricsColumnSql>(StringComparer.Ordinal)
            {
                ["id"] = new("o.id"),
                ["traceId"] = new("o.trace_id"),
                ["traceName"] = new("t.name", MetricsJoin.Trace),
                ["environment"] = new("o.environment"),
                ["parentObservationId"] = new("o.parent_observation_id"),
                ["type"] = new("o.type"),
                ["name"] = new("o.name"),
                ["level"] = new("o.level"),
                ["version"] = new("o.version"),
                ["tags"] = new("t.tags", MetricsJoin.Trace),
                ["release"] = new("t.release", MetricsJoin.Trace),
                ["providedModelName"] = new("o.provided_model_name"),
                ["promptName"] = new("o.prompt_name"),
                ["promptVersion"] = new("o.prompt_version"),
                ["userId"] = new("t.user_id", MetricsJoin.Trace),
                ["sessionId"] = new("t.session_id", MetricsJoin.Trace),
                ["traceRelease"] = new("t.release", MetricsJoin.Trace),
                ["traceVersion"] = new("t.version", MetricsJoin.Trace),
                ["startTimeMonth"] = new("formatDateTime(o.start_time, '%Y-%m')"),
                ["isRootObservation"] = new("toBool(o.parent_observation_id IS NULL)"),
            },
            new Dictionary<string, MetricsColumnSql>(StringComparer.Ordinal)
            {
                ["count"] = new("1"),
                ["latency"] = new(Milliseconds("o.start_time", "o.end_time")),
                ["streamingLatency"] = new(Milliseconds("o.completion_start_time", "o.end_time")),
                ["inputTokens"] = new(KeysContaining("o.usage_details", "input")),
                ["outputTokens"] = new(KeysContaining("o.usage_details", "output")),
                ["totalTokens"] = new("o.usage_details['total']"),
                ["outputTokensPerSecond"] = new($"{KeysContaining("o.usage_details", "output")} / nullIf(dateDiff('second', o.completion_start_time, o.end_time), 0)"),
                ["tokensPerSecond"] = new("o.usage_details['total'] / nullIf(dateDiff('second', o.start_time, o.end_time), 0)"),
                ["inputCost"] = new(KeysContaining("o.cost_details", "input")),
                ["outputCost"] = new(KeysContaining("o.cost_details", "output")),
                ["totalCost"] = new("o.total_cost"),
                ["timeToFirstToken"] = new(Milliseconds("o.start_time", "o.completion_start_time")),
                ["countScores"] = new("coalesce(ss.score_count, 0)", MetricsJoin.ScoreStats),
            }),
        [MetricsView.ScoresNumeric] = new("scores", "s", "s.timestamp", "s.metadata", "s.data_type IN ('NUMERIC', 'BOOLEAN')",
            With(ScoreDimensions, "value", new("s.value")), ScoreMeasures),
        [MetricsView.ScoresBoolean] = new("scores", "s", "s.timestamp", "s.metadata", "s.data_type = 'BOOLEAN'",
            With(ScoreDimensions, "booleanValue", new("toBool(s.value <> 0)")), ScoreMeasures),
        [MetricsView.ScoresCategorical] = new("scores", "s", "s.timestamp", "s.metadata", "s.data_type = 'CATEGORICAL'",
            With(ScoreDimensions, "stringValue", new("s.string_value")), new Dictionary<string, MetricsColumnSql>(StringComparer.Ordinal) { ["count"] = new("1") }),
    };

    public static MetricsViewSql Of(MetricsView view) => Views[view];

    /// <summary>The LEFT JOIN clause for a needed table; time-bounded aggregates use the query's range.</summary>
    public static string JoinSql(MetricsView view, MetricsJoin join, string project, string from, string to) => (view, join) switch
    {
        (MetricsView.Traces, MetricsJoin.ObservationStats) => $"""
            LEFT JOIN (
                SELECT trace_id, count() AS observation_count, min(start_time) AS first_start, max(coalesce(end_time, start_time)) AS last_end,
                       sum(usage_details['total']) AS total_tokens, sum(total_cost) AS cost_sum
                FROM observations FINAL
                WHERE project_id = {project} AND start_time >= {from} AND start_time <= {to}
                GROUP BY trace_id
            ) AS os ON os.trace_id = t.id
            """,
        (MetricsView.Traces, MetricsJoin.ScoreStats) => $"""
            LEFT JOIN (
                SELECT trace_id, count() AS score_count FROM scores FINAL
                WHERE project_id = {project} AND timestamp >= {from} AND timestamp <= {to} AND trace_id IS NOT NULL
                GROUP BY trace_id
            ) AS ss ON ss.trace_id = t.id
            """,
        (MetricsView.Observations, MetricsJoin.Trace) => $"LEFT JOIN ({Traces(project)}) AS t ON t.id = o.trace_id",
        (MetricsView.Observations, MetricsJoin.ScoreStats) => $"""
            LEFT JOIN (
                SELECT observation_id, count() AS score_count FROM scores FINAL
                WHERE project_id = {project} AND timestamp >= {from} AND timestamp <= {to} AND observation_id IS NOT NULL
                GROUP BY observation_id
            ) AS ss ON ss.observation_id = o.id
            """,
        (_, MetricsJoin.Trace) => $"LEFT JOIN ({Traces(project)}) AS t ON t.id = s.trace_id",
        (_, MetricsJoin.Observation) =>
            $"LEFT JOIN (SELECT id, name, provided_model_name, prompt_name, prompt_version FROM observations FINAL WHERE project_id = {project}) AS o ON o.id = s.observation_id",
        _ => throw new InvalidOperationException($"View {view} has no {join} join"),
    };

    // Only the columns a dimension may name: the wide input and output columns stay unread.
    private static string Traces(string project) =>
        $"SELECT id, name, tags, user_id, session_id, release, version FROM traces FINAL WHERE project_id = {project}";

    private static Dictionary<string, MetricsColumnSql> With(Dictionary<string, MetricsColumnSql> columns, string name, MetricsColumnSql column) =>
        new(columns, StringComparer.Ordinal) { [name] = column };
}
