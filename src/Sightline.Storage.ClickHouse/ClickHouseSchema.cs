namespace Sightline.Storage.ClickHouse;

/// <summary>
/// Schema steps, applied in order and recorded by name in <c>sightline_schema_migrations</c> once every statement of the step
/// succeeded. ClickHouse has no transactional DDL, so each statement is written to be re-run safely
/// (<c>IF NOT EXISTS</c>): a step interrupted half way is simply run again, whole, on the next start, and two
/// nodes starting at once may both run it. A later change is a new step appended here, never an edit of a shipped one.
/// <para>
/// Tables mirror the embedded store's columns, plus <c>event_ts</c> (the version ReplacingMergeTree keeps the
/// highest of) and <c>is_deleted</c>. The sorting key is (project_id, id) and there is no partition key: replacement
/// only happens between rows of the same sorting key and partition, so both must be built from columns that never
/// change for an entity. (Langfuse sorts by the day of the timestamp too; a trace whose timestamp a later event moves
/// would then keep two visible rows.)
/// </para>
/// </summary>
internal static class ClickHouseSchema
{
    /// <summary>Not Langfuse's <c>schema_migrations</c> (golang-migrate's layout), which may sit in the same database.</summary>
    public const string Ledger = "sightline_schema_migrations";

    /// <summary>The sorting key of every data table; a table of the same name with another key is not Sightline's.</summary>
    public const string SortingKey = "project_id, id";

    public static readonly IReadOnlyList<string> DataTables = ["traces", "observations", "scores", "dataset_run_items"];

    private const string Time = "DateTime64(3, 'UTC')";
    private const string Money = "Decimal(18, 12)";
    private const string Version = "event_ts DateTime64(6, 'UTC')";
    private const string Deleted = "is_deleted UInt8";

    public static string LedgerSql(ClickHouseDdl ddl) =>
        ddl.CreateReplacingTable(Ledger, ["name String", $"applied_at {Time}"], "applied_at", null, "name");

    public static IReadOnlyList<ClickHouseStep> Steps(ClickHouseDdl ddl) =>
    [
        new("0001_analytics_tables",
        [
            ddl.CreateReplacingTable("traces",
            [
                "id String",
                "project_id String",
                $"timestamp {Time}",
                "name Nullable(String)",
                "user_id Nullable(String)",
                "metadata Map(LowCardinality(String), String)",
                "release Nullable(String)",
                "version Nullable(String)",
                "public Bool",
                "bookmarked Bool",
                "tags Array(String)",
                "input Nullable(String) CODEC(ZSTD(3))",
                "output Nullable(String) CODEC(ZSTD(3))",
                "session_id Nullable(String)",
                "environment LowCardinality(String)",
                $"created_at {Time}",
                $"updated_at {Time}",
                Version,
                Deleted,
            ], "event_ts", "is_deleted", SortingKey),
            ddl.CreateReplacingTable("observations",
            [
                "id String",
                "trace_id String",
                "project_id String",
                "type LowCardinality(String)",
                "parent_observation_id Nullable(String)",
                $"start_time {Time}",
                $"end_time Nullable({Time})",
                $"completion_start_time Nullable({Time})",
                "name Nullable(String)",
                "metadata Map(LowCardinality(String), String)",
                "level LowCardinality(String)",
                "status_message Nullable(String)",
                "version Nullable(String)",
                "input Nullable(String) CODEC(ZSTD(3))",
                "output Nullable(String) CODEC(ZSTD(3))",
                "provided_model_name Nullable(String)",
                "internal_model_id Nullable(String)",
                "model_parameters Nullable(String)",
                "provided_usage_details Map(LowCardinality(String), Int64)",
                "usage_details Map(LowCardinality(String), Int64)",
                $"provided_cost_details Map(LowCardinality(String), {Money})",
                $"cost_details Map(LowCardinality(String), {Money})",
                $"total_cost Nullable({Money})",
                "usage_pricing_tier_id Nullable(String)",
                "usage_pricing_tier_name Nullable(String)",
                "prompt_id Nullable(String)",
                "prompt_name Nullable(String)",
                "prompt_version Nullable(Int32)",
                "environment LowCardinality(String)",
                $"created_at {Time}",
                $"updated_at {Time}",
                Version,
                Deleted,
                // Reads of one trace's observations look their ids up through this index before the FINAL read.
                "INDEX idx_trace_id trace_id TYPE bloom_filter(0.001) GRANULARITY 1",
            ], "event_ts", "is_deleted", SortingKey),
            ddl.CreateReplacingTable("scores",
            [
                "id String",
                "project_id String",
                $"timestamp {Time}",
                "name String",
                "trace_id Nullable(String)",
                "observation_id Nullable(String)",
                "session_id Nullable(String)",
                "dataset_run_id Nullable(String)",
                "value Nullable(Float64)",
                "string_value Nullable(String)",
                "source LowCardinality(String)",
                "data_type LowCardinality(String)",
                "comment Nullable(String)",
                "metadata Map(LowCardinality(String), String)",
                "author_user_id Nullable(String)",
                "config_id Nullable(String)",
                "queue_id Nullable(String)",
                "environment LowCardinality(String)",
                $"created_at {Time}",
                $"updated_at {Time}",
                Version,
                Deleted,
            ], "event_ts", "is_deleted", SortingKey),
        ]),
        // Dataset experiment results (which trace ran which dataset item in which run), in Langfuse's layout.
        new("0002_dataset_run_items",
        [
            ddl.CreateReplacingTable("dataset_run_items",
            [
                "id String",
                "project_id String",
                "dataset_id String",
                "dataset_run_id String",
                "dataset_item_id String",
                "trace_id String",
                "observation_id Nullable(String)",
                "error Nullable(String)",
                $"created_at {Time}",
                $"updated_at {Time}",
                Version,
                Deleted,
            ], "event_ts", "is_deleted", SortingKey),
        ]),
    ];
}
