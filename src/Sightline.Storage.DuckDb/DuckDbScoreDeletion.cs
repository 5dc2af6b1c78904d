using DuckDB.NET.Data;
using Sightline.Scores;

namespace Sightline.Storage.DuckDb;

/// <summary>Immediate score deletion.</summary>
internal sealed class DuckDbScoreDeletion(DuckDbDatabase database) : IScoreDeletion
{
    // On the writer connection, so the delete is serialized with ingestion's upserts.
    public Task<long> DeleteScoresAsync(string projectId, IReadOnlyCollection<string> scoreIds, CancellationToken ct)
    {
        if (scoreIds.Count == 0)
        {
            return Task.FromResult(0L);
        }

        var ids = scoreIds.Distinct(StringComparer.Ordinal).ToList();
        return database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM scores WHERE project_id = $project AND list_contains($ids, id)";
            command.Parameters.Add(new DuckDBParameter("project", projectId));
            command.Parameters.Add(new DuckDBParameter("ids", ids));
            return (long)await command.ExecuteNonQueryAsync(ct);
        }, ct);
    }
}
