using Sightline.Metrics;

namespace Sightline.Storage.Analytics.Sql;

/// <summary>
/// SQL for every dimension and measure of <see cref="MetricsCatalog"/> in one dialect. Measures are per row of the
/// view (one trace, observation or score); per-trace observation figures come pre-aggregated from a joined subquery,
/// so joining them never multiplies rows. Usage and cost "input"/"output" sum every key containing that word, as
/// Langfuse does. Joined tables are read like the view's own table, restricted to the project.
/// </summary>
internal sealed class MetricsViews
{
    private readonly ISqlDialect _d;
    private readonly Dictionary<MetricsView, MetricsViewSql> _views;

    public MetricsViews(ISqlDialect dialect)
    {
        _d = dialect;
        var d = dialect;
        var scoreDimensions = new Dictionary<string, MetricsColumnSql>(StringComparer.Ordinal)
        {
            ["id"] = new("s.id"),
            ["environment"] = new("s.environment"),
            ["name"] = new("s.name"),
            ["source"] = new("s.source"),
            ["dataType"] = new("s.data_type"),
            ["traceId"] = new("s.trace_id"),
            ["observationId"] = new("s.observation_id"),
            ["configId"] = new("s.config_id"),
            ["timestampMonth"] = new(d.FormatTime("s.\"timestamp\"", "%Y-%m")),
            ["timestampDay"] = new(d.FormatTime("s.\"timestamp\"", "%Y-%m-%d")),
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
        var scoreMeasures = new Dictionary<string, MetricsColumnSql>(StringComparer.Ordinal)
        {
            ["count"] = new("1"),
            ["value"] = new("s.value"),
        };
        var totalTokens = "coalesce(o.usage_details['total'], 0)";
        var outputTokens = d.SumOfKeysContaining("o.usage_details", "output");
        _views = new()
        {
            [MetricsView.Traces] = new("traces", "t", "t.\"timestamp\"", "t.metadata", null,
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
                    ["timestampMonth"] = new(d.FormatTime("t.\"timestamp\"", "%Y-%m")),
                },
                new Dictionary<string, MetricsColumnSql>(StringComparer.Ordinal)
                {
                    ["count"] = new("1"),
                    ["observationsCount"] = new("coalesce(os.observation_count, 0)", MetricsJoin.ObservationStats),
                    ["scoresCount"] = new("coalesce(ss.score_count, 0)", MetricsJoin.ScoreStats),
                    ["uniqueUserIds"] = new("t.user_id"),
                    ["uniqueSessionIds"] = new("t.session_id"),
                    ["latency"] = new(d.MillisecondsBetween("os.first_start", "os.last_end"), MetricsJoin.ObservationStats),
                    ["totalTokens"] = new("os.total_tokens", MetricsJoin.ObservationStats),
                    ["totalCost"] = new("os.total_cost", MetricsJoin.ObservationStats),
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
                    ["startTimeMonth"] = new(d.FormatTime("o.start_time", "%Y-%m")),
                    ["isRootObservation"] = new(d.Boolean("o.parent_observation_id IS NULL")),
                },
                new Dictionary<string, MetricsColumnSql>(StringComparer.Ordinal)
                {
                    ["count"] = new("1"),
                    ["latency"] = new(d.MillisecondsBetween("o.start_time", "o.end_time")),
                    ["streamingLatency"] = new(d.MillisecondsBetween("o.completion_start_time", "o.end_time")),
                    ["inputTokens"] = new(d.SumOfKeysContaining("o.usage_details", "input")),
                    ["outputTokens"] = new(outputTokens),
                    ["totalTokens"] = new(totalTokens),
                    ["outputTokensPerSecond"] = new($"{outputTokens} / NULLIF({d.SecondsBetween("o.completion_start_time", "o.end_time")}, 0)"),
                    ["tokensPerSecond"] = new($"{totalTokens} / NULLIF({d.SecondsBetween("o.start_time", "o.end_time")}, 0)"),
                    ["inputCost"] = new(d.SumOfKeysContaining("o.cost_details", "input")),
                    ["outputCost"] = new(d.SumOfKeysContaining("o.cost_details", "output")),
                    ["totalCost"] = new("o.total_cost"),
                    ["timeToFirstToken"] = new(d.MillisecondsBetween("o.start_time", "o.completion_start_time")),
                    ["countScores"] = new("coalesce(ss.score_count, 0)", MetricsJoin.ScoreStats),
                }),
            [MetricsView.ScoresNumeric] = new("scores", "s", "s.\"timestamp\"", "s.metadata", "s.data_type IN ('NUMERIC', 'BOOLEAN')",
                With(scoreDimensions, "value", new("s.value")), scoreMeasures),
            [MetricsView.ScoresBoolean] = new("scores", "s", "s.\"timestamp\"", "s.metadata", "s.data_type = 'BOOLEAN'",
                With(scoreDimensions, "booleanValue", new(d.Boolean("s.value <> 0"))), scoreMeasures),
            [MetricsView.ScoresCategorical] = new("scores", "s", "s.\"timestamp\"", "s.metadata", "s.data_type = 'CATEGORICAL'",
                With(scoreDimensions, "stringValue", new("s.string_value")), new Dictionary<string, MetricsColumnSql>(StringComparer.Ordinal) { ["count"] = new("1") }),
        };
    }

    public MetricsViewSql Of(MetricsView view) => _views[view];

    /// <summary>The LEFT JOIN clause for a needed table; time-bounded aggregates use the query's range.</summary>
    public string JoinSql(MetricsView view, MetricsJoin join, string project, string from, string to) => (view, join) switch
    {
        (MetricsView.Traces, MetricsJoin.ObservationStats) => $"""
            LEFT JOIN (
                SELECT trace_id, count(*) AS observation_count, min(start_time) AS first_start, max(coalesce(end_time, start_time)) AS last_end,
                       sum(coalesce(usage_details['total'], 0)) AS total_tokens, sum(total_cost) AS total_cost
                FROM {_d.Table("observations")}
                WHERE project_id = {project} AND start_time >= {from} AND start_time <= {to}
                GROUP BY trace_id
            ) AS os ON os.trace_id = t.id
            """,
        (MetricsView.Traces, MetricsJoin.ScoreStats) => $"""
            LEFT JOIN (
                SELECT trace_id, count(*) AS score_count FROM {_d.Table("scores")}
                WHERE project_id = {project} AND "timestamp" >= {from} AND "timestamp" <= {to} AND trace_id IS NOT NULL
                GROUP BY trace_id
            ) AS ss ON ss.trace_id = t.id
            """,
        (MetricsView.Observations, MetricsJoin.Trace) => $"LEFT JOIN ({Traces(project)}) AS t ON t.id = o.trace_id",
        (MetricsView.Observations, MetricsJoin.ScoreStats) => $"""
            LEFT JOIN (
                SELECT observation_id, count(*) AS score_count FROM {_d.Table("scores")}
                WHERE project_id = {project} AND "timestamp" >= {from} AND "timestamp" <= {to} AND observation_id IS NOT NULL
                GROUP BY observation_id
            ) AS ss ON ss.observation_id = o.id
            """,
        (_, MetricsJoin.Trace) => $"LEFT JOIN ({Traces(project)}) AS t ON t.id = s.trace_id",
        (_, MetricsJoin.Observation) =>
            $"LEFT JOIN (SELECT id, name, provided_model_name, prompt_name, prompt_version FROM {_d.Table("observations")} WHERE project_id = {project}) AS o ON o.id = s.observation_id",
        _ => throw new InvalidOperationException($"View {view} has no {join} join"),
    };

    // Only the columns a dimension may name: the wide input and output columns stay unread.
    private string Traces(string project) =>
        $"SELECT id, name, tags, user_id, session_id, release, version FROM {_d.Table("traces")} WHERE project_id = {project}";

    private static Dictionary<string, MetricsColumnSql> With(Dictionary<string, MetricsColumnSql> columns, string name, MetricsColumnSql column) =>
        new(columns, StringComparer.Ordinal) { [name] = column };
}
