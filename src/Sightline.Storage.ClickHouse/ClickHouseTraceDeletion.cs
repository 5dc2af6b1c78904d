using Sightline.Tracing;

namespace Sightline.Storage.ClickHouse;

/// <summary>
/// Trace deletion by tombstones: for each visible row to remove, a row with the same key, a newer version and
/// <c>is_deleted = 1</c>, which FINAL reads leave out at once and merges drop. Inserts are how every replica learns
/// of a change anyway, so a deletion replicates like a write and needs no mutation. Scores go first (they may name
/// only an observation of the trace), then observations, then traces; ClickHouse has no transaction across tables,
/// so a deletion interrupted in between is completed by asking again.
/// </summary>
internal sealed class ClickHouseTraceDeletion(ClickHouseClient client, VersionClock clock) : ITraceDeletion
{
    public async Task<long> DeleteTracesAsync(string projectId, IReadOnlyCollection<string> traceIds, CancellationToken ct)
    {
        long deleted = 0;
        foreach (var ids in IdChunks.Split(traceIds.Distinct(StringComparer.Ordinal)))
        {
            deleted += await DeleteAsync(projectId, ids, ct);
        }

        return deleted;
    }

    private async Task<long> DeleteAsync(string projectId, List<string> traceIds, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var (project, ids) = (p.Add(projectId), p.Add(traceIds));
        var existing = await client.QueryAsync($"SELECT count() FROM traces FINAL WHERE project_id = {project} AND id IN ({ids})", p, r => r.Long(0), ct);

        var version = "toDateTime64(" + ClickHouseText.Quoted(clock.Next()) + ", 6, 'UTC')";
        var observationsOfTraces = $"SELECT id FROM observations FINAL WHERE project_id = {project} AND trace_id IN ({ids})";
        await client.ExecuteAsync(Tombstones("scores",
            $"project_id = {project} AND (trace_id IN ({ids}) OR observation_id IN ({observationsOfTraces}))", version), p, ct);
        await client.ExecuteAsync(Tombstones("observations", $"project_id = {project} AND trace_id IN ({ids})", version), p, ct);
        await client.ExecuteAsync(Tombstones("traces", $"project_id = {project} AND id IN ({ids})", version), p, ct);
        return existing[0];
    }

    public async Task<RetentionDeletion> DeleteOlderThanAsync(string projectId, DateTime cutoff, CancellationToken ct)
    {
        var scores = await DeleteBeforeAsync("scores", "timestamp", projectId, cutoff, ct);
        var observations = await DeleteBeforeAsync("observations", "start_time", projectId, cutoff, ct);
        var traces = await DeleteBeforeAsync("traces", "timestamp", projectId, cutoff, ct);
        return new RetentionDeletion(traces, observations, scores);
    }

    private async Task<long> DeleteBeforeAsync(string table, string timeColumn, string projectId, DateTime cutoff, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var where = $"project_id = {p.Add(projectId)} AND {timeColumn} < {p.Add(cutoff)}";
        var existing = await client.QueryAsync($"SELECT count() FROM {table} FINAL WHERE {where}", p, r => r.Long(0), ct);
        if (existing[0] > 0)
        {
            var version = "toDateTime64(" + ClickHouseText.Quoted(clock.Next()) + ", 6, 'UTC')";
            await client.ExecuteAsync(Tombstones(table, where, version), p, ct);
        }

        return existing[0];
    }

    // Only the key travels: the other columns take their defaults, as FINAL never shows a deleted row's values.
    private static string Tombstones(string table, string where, string version) =>
        $"INSERT INTO {table} (project_id, id, event_ts, is_deleted) SELECT project_id, id, {version}, 1 FROM {table} FINAL WHERE {where}";
}
