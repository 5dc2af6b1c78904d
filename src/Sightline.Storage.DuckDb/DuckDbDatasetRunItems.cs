using DuckDB.NET.Data;
using Sightline.Datasets;
using Sightline.Tracing;

namespace Sightline.Storage.DuckDb;

/// <summary>
/// Dataset run items and the run comparison aggregates. Writes and deletes go through the writer connection, so they
/// are serialized with ingestion's upserts; reads use connections of their own.
/// </summary>
internal sealed class DuckDbDatasetRunItems(DuckDbDatabase database) : IDatasetRunItemStore
{
    private const string Columns = "id, project_id, dataset_id, dataset_run_id, dataset_item_id, trace_id, observation_id, created_at, updated_at";

    public Task WriteAsync(DatasetRunItemRecord item, CancellationToken ct) =>
        database.WriteAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using (var delete = connection.CreateCommand())
            {
                delete.CommandText = "DELETE FROM dataset_run_items WHERE project_id = $project AND id = $id";
                delete.Parameters.Add(new DuckDBParameter("project", item.ProjectId));
                delete.Parameters.Add(new DuckDBParameter("id", item.Id));
                await delete.ExecuteNonQueryAsync(ct);
            }

            await using (var insert = connection.CreateCommand())
            {
                insert.CommandText = $"INSERT INTO dataset_run_items ({Columns}) VALUES ($id, $project, $dataset, $run, $item, $trace, $observation, $created, $updated)";
                insert.Parameters.Add(new DuckDBParameter("id", item.Id));
                insert.Parameters.Add(new DuckDBParameter("project", item.ProjectId));
                insert.Parameters.Add(new DuckDBParameter("dataset", item.DatasetId));
                insert.Parameters.Add(new DuckDBParameter("run", item.DatasetRunId));
                insert.Parameters.Add(new DuckDBParameter("item", item.DatasetItemId));
                insert.Parameters.Add(new DuckDBParameter("trace", item.TraceId));
                insert.Parameters.Add(new DuckDBParameter("observation", item.ObservationId));
                insert.Parameters.Add(new DuckDBParameter("created", DuckDbValues.ToStored(item.CreatedAt)));
                insert.Parameters.Add(new DuckDBParameter("updated", DuckDbValues.ToStored(item.UpdatedAt)));
                await insert.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
            return 0;
        }, ct);

    public async Task<ResultPage<DatasetRunItemRecord>> ListAsync(string projectId, string datasetRunId, int limit, long offset, CancellationToken ct)
    {
        const string Where = "project_id = $project AND dataset_run_id = $run";
        DuckDBParameter[] Filter() => [new("project", projectId), new("run", datasetRunId)];
        var count = DuckDbReads.CountAsync(database, $"SELECT count(*) FROM dataset_run_items WHERE {Where}", Filter(), ct);
        var rows = DuckDbReads.QueryAsync(database,
            $"SELECT {Columns} FROM dataset_run_items WHERE {Where} ORDER BY created_at DESC, id DESC LIMIT $limit OFFSET $offset",
            [.. Filter(), new("limit", (long)limit), new("offset", offset)], Read, ct);
        await Task.WhenAll(count, rows);
        return new ResultPage<DatasetRunItemRecord>(await rows, await count);
    }

    public Task<long> DeleteRunsAsync(string projectId, IReadOnlyCollection<string> datasetRunIds, CancellationToken ct)
    {
        if (datasetRunIds.Count == 0)
        {
            return Task.FromResult(0L);
        }

        var runs = datasetRunIds.Distinct(StringComparer.Ordinal).ToList();
        return database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM dataset_run_items WHERE project_id = $project AND list_contains($runs, dataset_run_id)";
            command.Parameters.Add(new DuckDBParameter("project", projectId));
            command.Parameters.Add(new DuckDBParameter("runs", runs));
            return (long)await command.ExecuteNonQueryAsync(ct);
        }, ct);
    }

    public async Task<IReadOnlyList<DatasetRunSummary>> SummarizeRunsAsync(string projectId, IReadOnlyCollection<string> datasetRunIds, CancellationToken ct)
    {
        if (datasetRunIds.Count == 0)
        {
            return [];
        }

        var runs = datasetRunIds.Distinct(StringComparer.Ordinal).ToList();
        DuckDBParameter[] Parameters() => [new("project", projectId), new("runs", runs)];
        var totals = DuckDbReads.QueryAsync(database,
            $"""
            WITH per_item AS (
                SELECT ri.dataset_run_id, ri.id,
                       date_diff('millisecond', min(o.start_time), max(coalesce(o.end_time, o.start_time))) AS latency_ms,
                       sum(coalesce(o.usage_details['total'], 0)) AS tokens,
                       sum(coalesce(o.total_cost, 0)) AS cost
                FROM dataset_run_items ri
                LEFT JOIN observations o
                  ON o.project_id = ri.project_id AND o.trace_id = ri.trace_id AND (ri.observation_id IS NULL OR o.id = ri.observation_id)
                WHERE ri.project_id = $project AND list_contains($runs, ri.dataset_run_id)
                GROUP BY ri.dataset_run_id, ri.id
            )
            SELECT dataset_run_id, count(*), quantile_cont(CAST(latency_ms AS DOUBLE), 0.5), quantile_cont(CAST(latency_ms AS DOUBLE), 0.95),
                   CAST(coalesce(sum(tokens), 0) AS BIGINT), CAST(coalesce(sum(cost), 0) AS DECIMAL(18,12))
            FROM per_item
            GROUP BY dataset_run_id
            """,
            Parameters(),
            r => (Run: r.GetString(0), Count: r.GetInt64(1), P50: Nullable(r, 2), P95: Nullable(r, 3), Tokens: r.GetInt64(4), Cost: r.GetDecimal(5)), ct);
        var scores = DuckDbReads.QueryAsync(database,
            $"""
            WITH run_scores AS (
                SELECT DISTINCT ri.dataset_run_id AS run_id, s.id, s.name, s.value
                FROM dataset_run_items ri
                JOIN scores s ON s.project_id = ri.project_id AND s.trace_id = ri.trace_id
                WHERE ri.project_id = $project AND list_contains($runs, ri.dataset_run_id)
                  AND s.data_type IN ('NUMERIC', 'BOOLEAN') AND s.value IS NOT NULL
                UNION
                SELECT s.dataset_run_id, s.id, s.name, s.value
                FROM scores s
                WHERE s.project_id = $project AND list_contains($runs, s.dataset_run_id)
                  AND s.data_type IN ('NUMERIC', 'BOOLEAN') AND s.value IS NOT NULL
            )
            SELECT run_id, name, avg(value) FROM run_scores GROUP BY run_id, name
            """,
            Parameters(), r => (Run: r.GetString(0), Name: r.GetString(1), Average: r.GetDouble(2)), ct);
        await Task.WhenAll(totals, scores);

        return DatasetRunSummary.Combine(await totals, await scores);
    }

    private static double? Nullable(DuckDBDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private static DatasetRunItemRecord Read(DuckDBDataReader r) => new()
    {
        Id = r.GetString(0),
        ProjectId = r.GetString(1),
        DatasetId = r.GetString(2),
        DatasetRunId = r.GetString(3),
        DatasetItemId = r.GetString(4),
        TraceId = r.GetString(5),
        ObservationId = DuckDbValues.ReadNullableString(r, 6),
        CreatedAt = DuckDbValues.ReadTime(r, 7),
        UpdatedAt = DuckDbValues.ReadTime(r, 8),
    };
}
