namespace Sightline.Storage.DuckDb;

/// <summary>
/// The current column layout of each table, matching the schema steps in <see cref="DuckDbSchema"/>. A step that
/// adds a column adds it here too, at the end, so appends and reads follow.
/// </summary>
internal static class AnalyticsTables
{
    public const string Money = "DECIMAL(18,12)";

    public static readonly AnalyticsTable Traces = new("traces",
    [
        new("id", "VARCHAR"),
        new("project_id", "VARCHAR"),
        new("timestamp", "TIMESTAMP"),
        new("name", "VARCHAR"),
        new("user_id", "VARCHAR"),
        AnalyticsColumn.Map("metadata", "VARCHAR"),
        new("release", "VARCHAR"),
        new("version", "VARCHAR"),
        new("public", "BOOLEAN"),
        new("bookmarked", "BOOLEAN"),
        new("tags", "VARCHAR[]"),
        new("input", "VARCHAR"),
        new("output", "VARCHAR"),
        new("session_id", "VARCHAR"),
        new("environment", "VARCHAR"),
        new("created_at", "TIMESTAMP"),
        new("updated_at", "TIMESTAMP"),
    ]);

    public static readonly AnalyticsTable Observations = new("observations",
    [
        new("id", "VARCHAR"),
        new("trace_id", "VARCHAR"),
        new("project_id", "VARCHAR"),
        new("type", "VARCHAR"),
        new("parent_observation_id", "VARCHAR"),
        new("start_time", "TIMESTAMP"),
        new("end_time", "TIMESTAMP"),
        new("completion_start_time", "TIMESTAMP"),
        new("name", "VARCHAR"),
        AnalyticsColumn.Map("metadata", "VARCHAR"),
        new("level", "VARCHAR"),
        new("status_message", "VARCHAR"),
        new("version", "VARCHAR"),
        new("input", "VARCHAR"),
        new("output", "VARCHAR"),
        new("provided_model_name", "VARCHAR"),
        new("internal_model_id", "VARCHAR"),
        new("model_parameters", "VARCHAR"),
        AnalyticsColumn.Map("provided_usage_details", "BIGINT"),
        AnalyticsColumn.Map("usage_details", "BIGINT"),
        AnalyticsColumn.Map("provided_cost_details", Money),
        AnalyticsColumn.Map("cost_details", Money),
        new("total_cost", Money),
        new("usage_pricing_tier_id", "VARCHAR"),
        new("usage_pricing_tier_name", "VARCHAR"),
        new("prompt_id", "VARCHAR"),
        new("prompt_name", "VARCHAR"),
        new("prompt_version", "INTEGER"),
        new("environment", "VARCHAR"),
        new("created_at", "TIMESTAMP"),
        new("updated_at", "TIMESTAMP"),
    ]);

    public static readonly AnalyticsTable Scores = new("scores",
    [
        new("id", "VARCHAR"),
        new("project_id", "VARCHAR"),
        new("timestamp", "TIMESTAMP"),
        new("name", "VARCHAR"),
        new("trace_id", "VARCHAR"),
        new("observation_id", "VARCHAR"),
        new("session_id", "VARCHAR"),
        new("dataset_run_id", "VARCHAR"),
        new("value", "DOUBLE"),
        new("string_value", "VARCHAR"),
        new("source", "VARCHAR"),
        new("data_type", "VARCHAR"),
        new("comment", "VARCHAR"),
        AnalyticsColumn.Map("metadata", "VARCHAR"),
        new("author_user_id", "VARCHAR"),
        new("config_id", "VARCHAR"),
        new("queue_id", "VARCHAR"),
        new("environment", "VARCHAR"),
        new("created_at", "TIMESTAMP"),
        new("updated_at", "TIMESTAMP"),
    ]);

    public static readonly IReadOnlyList<AnalyticsTable> All = [Traces, Observations, Scores];
}
