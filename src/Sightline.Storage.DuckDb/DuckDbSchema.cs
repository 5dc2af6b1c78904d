using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;

namespace Sightline.Storage.DuckDb;

/// <summary>
/// Schema steps, applied in order and recorded by name in <c>schema_migrations</c>. A later change is a new step
/// appended here (never an edit of an applied one). Each step and its ledger row commit in one transaction (DuckDB
/// DDL is transactional), so a crash leaves either both or neither; the DDL is also written to be re-runnable.
/// </summary>
internal static class DuckDbSchema
{
    private const string LedgerSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            name VARCHAR NOT NULL PRIMARY KEY,
            applied_at TIMESTAMP NOT NULL
        )
        """;

    // No PRIMARY KEY on (project_id, id): see DuckDbAnalyticsStore for the measurement behind that choice.
    // Timestamps are TIMESTAMP holding UTC (never TIMESTAMPTZ, whose rendering depends on the session time zone).
    public static readonly IReadOnlyList<(string Name, string Sql)> Steps =
    [
        ("0001_analytics_tables", """
            CREATE TABLE IF NOT EXISTS traces (
                id VARCHAR NOT NULL,
                project_id VARCHAR NOT NULL,
                "timestamp" TIMESTAMP NOT NULL,
                name VARCHAR,
                user_id VARCHAR,
                metadata MAP(VARCHAR, VARCHAR) NOT NULL,
                release VARCHAR,
                version VARCHAR,
                "public" BOOLEAN NOT NULL,
                bookmarked BOOLEAN NOT NULL,
                tags VARCHAR[] NOT NULL,
                input VARCHAR,
                output VARCHAR,
                session_id VARCHAR,
                environment VARCHAR NOT NULL,
                created_at TIMESTAMP NOT NULL,
                updated_at TIMESTAMP NOT NULL
            );
            CREATE TABLE IF NOT EXISTS observations (
                id VARCHAR NOT NULL,
                trace_id VARCHAR NOT NULL,
                project_id VARCHAR NOT NULL,
                type VARCHAR NOT NULL,
                parent_observation_id VARCHAR,
                start_time TIMESTAMP NOT NULL,
                end_time TIMESTAMP,
                completion_start_time TIMESTAMP,
                name VARCHAR,
                metadata MAP(VARCHAR, VARCHAR) NOT NULL,
                level VARCHAR NOT NULL,
                status_message VARCHAR,
                version VARCHAR,
                input VARCHAR,
                output VARCHAR,
                provided_model_name VARCHAR,
                internal_model_id VARCHAR,
                model_parameters VARCHAR,
                provided_usage_details MAP(VARCHAR, BIGINT) NOT NULL,
                usage_details MAP(VARCHAR, BIGINT) NOT NULL,
                provided_cost_details MAP(VARCHAR, DECIMAL(18,12)) NOT NULL,
                cost_details MAP(VARCHAR, DECIMAL(18,12)) NOT NULL,
                total_cost DECIMAL(18,12),
                usage_pricing_tier_id VARCHAR,
                usage_pricing_tier_name VARCHAR,
                prompt_id VARCHAR,
                prompt_name VARCHAR,
                prompt_version INTEGER,
                environment VARCHAR NOT NULL,
                created_at TIMESTAMP NOT NULL,
                updated_at TIMESTAMP NOT NULL
            );
            CREATE TABLE IF NOT EXISTS scores (
                id VARCHAR NOT NULL,
                project_id VARCHAR NOT NULL,
                "timestamp" TIMESTAMP NOT NULL,
                name VARCHAR NOT NULL,
                trace_id VARCHAR,
                observation_id VARCHAR,
                session_id VARCHAR,
                dataset_run_id VARCHAR,
                value DOUBLE,
                string_value VARCHAR,
                source VARCHAR NOT NULL,
                data_type VARCHAR NOT NULL,
                comment VARCHAR,
                metadata MAP(VARCHAR, VARCHAR) NOT NULL,
                author_user_id VARCHAR,
                config_id VARCHAR,
                queue_id VARCHAR,
                environment VARCHAR NOT NULL,
                created_at TIMESTAMP NOT NULL,
                updated_at TIMESTAMP NOT NULL
            );
            """),
        // Dataset experiment results (which trace ran which dataset item in which run), as in ClickHouse.
        ("0002_dataset_run_items", """
            CREATE TABLE IF NOT EXISTS dataset_run_items (
                id VARCHAR NOT NULL,
                project_id VARCHAR NOT NULL,
                dataset_id VARCHAR NOT NULL,
                dataset_run_id VARCHAR NOT NULL,
                dataset_item_id VARCHAR NOT NULL,
                trace_id VARCHAR NOT NULL,
                observation_id VARCHAR,
                error VARCHAR,
                created_at TIMESTAMP NOT NULL,
                updated_at TIMESTAMP NOT NULL
            );
            """),
    ];

    public static string LastStep => Steps[^1].Name;

    public static async Task ApplyAsync(DuckDBConnection connection, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        await DuckDbDatabase.ExecuteAsync(connection, LedgerSql, ct);
        var applied = await AppliedStepsAsync(connection, ct);
        foreach (var (name, sql) in Steps)
        {
            if (applied.Contains(name))
            {
                continue;
            }

            ct.ThrowIfCancellationRequested();
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await DuckDbDatabase.ExecuteAsync(connection, sql, ct);
            await using (var record = connection.CreateCommand())
            {
                record.CommandText = "INSERT INTO schema_migrations (name, applied_at) VALUES ($name, $applied_at)";
                record.Parameters.Add(new DuckDBParameter("name", name));
                record.Parameters.Add(new DuckDBParameter("applied_at", time.GetUtcNow().UtcDateTime));
                await record.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
            logger.SchemaStepApplied(name);
        }
    }

    public static async Task<HashSet<string>> AppliedStepsAsync(DuckDBConnection connection, CancellationToken ct)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM schema_migrations";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            applied.Add(reader.GetString(0));
        }

        return applied;
    }
}
