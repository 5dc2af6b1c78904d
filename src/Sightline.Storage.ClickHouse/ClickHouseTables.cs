namespace Sightline.Storage.ClickHouse;

/// <summary>
/// The current column layout of each table, matching the schema steps in <see cref="ClickHouseSchema"/> and the
/// embedded store's tables column for column. A step that adds a column adds it here too, at the end.
/// </summary>
internal static class ClickHouseTables
{
    public static readonly ClickHouseTable Traces = new("traces",
    [
        "id", "project_id", "timestamp", "name", "user_id", "metadata", "release", "version", "public", "bookmarked", "tags", "input", "output",
        "session_id", "environment", "created_at", "updated_at",
    ]);

    public static readonly ClickHouseTable Observations = new("observations",
    [
        "id", "trace_id", "project_id", "type", "parent_observation_id", "start_time", "end_time", "completion_start_time", "name", "metadata",
        "level", "status_message", "version", "input", "output", "provided_model_name", "internal_model_id", "model_parameters",
        "provided_usage_details", "usage_details", "provided_cost_details", "cost_details", "total_cost", "usage_pricing_tier_id",
        "usage_pricing_tier_name", "prompt_id", "prompt_name", "prompt_version", "environment", "created_at", "updated_at",
    ]);

    public static readonly ClickHouseTable Scores = new("scores",
    [
        "id", "project_id", "timestamp", "name", "trace_id", "observation_id", "session_id", "dataset_run_id", "value", "string_value", "source",
        "data_type", "comment", "metadata", "author_user_id", "config_id", "queue_id", "environment", "created_at", "updated_at",
    ]);
}
