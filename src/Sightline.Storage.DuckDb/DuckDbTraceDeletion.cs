using DuckDB.NET.Data;
using Sightline.Tracing;

namespace Sightline.Storage.DuckDb;

/// <summary>
/// Trace deletion on the writer connection, so it is serialized with ingestion's upserts and commits as one
/// transaction: scores first (they may name only an observation of the trace), then observations, then traces.
/// Retention deletes by time the same way.
/// </summary>
internal sealed class DuckDbTraceDeletion(DuckDbDatabase database) : ITraceDeletion
{
    public Task<long> DeleteTracesAsync(string projectId, IReadOnlyCollection<string> traceIds, CancellationToken ct)
    {
        if (traceIds.Count == 0)
        {
            return Task.FromResult(0L);
        }

        var ids = traceIds.Distinct(StringComparer.Ordinal).ToList();
        return database.WriteAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await ExecuteAsync(connection,
                """
                DELETE FROM scores
                WHERE project_id = $project
                  AND (list_contains($ids, trace_id)
                       OR observation_id IN (SELECT id FROM observations WHERE project_id = $project AND list_contains($ids, trace_id)))
                """, projectId, ids, ct);
            await ExecuteAsync(connection, "DELETE FROM observations WHERE project_id = $project AND list_contains($ids, trace_id)", projectId, ids, ct);
            var deleted = await ExecuteAsync(connection, "DELETE FROM traces WHERE project_id = $project AND list_contains($ids, id)", projectId, ids, ct);
            await transaction.CommitAsync(ct);
            return (long)deleted;
        }, ct);
    }

    public Task<RetentionDeletion> DeleteOlderThanAsync(string projectId, DateTime cutoff, CancellationToken ct) =>
        database.WriteAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var scores = await DeleteBeforeAsync(connection, "scores", "\"timestamp\"", projectId, cutoff, ct);
            var observations = await DeleteBeforeAsync(connection, "observations", "start_time", projectId, cutoff, ct);
            var traces = await DeleteBeforeAsync(connection, "traces", "\"timestamp\"", projectId, cutoff, ct);
            await transaction.CommitAsync(ct);
            return new RetentionDeletion(traces, observations, scores);
        }, ct);

    private static async Task<long> DeleteBeforeAsync(DuckDBConnection connection, string table, string timeColumn, string projectId, DateTime cutoff, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM {table} WHERE project_id = $project AND {timeColumn} < $cutoff";
        command.Parameters.Add(new DuckDBParameter("project", projectId));
        command.Parameters.Add(new DuckDBParameter("cutoff", cutoff));
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<int> ExecuteAsync(DuckDBConnection connection, string sql, string projectId, List<string> ids, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new DuckDBParameter("project", projectId));
        command.Parameters.Add(new DuckDBParameter("ids", ids));
        return await command.ExecuteNonQueryAsync(ct);
    }
}
