using Sightline.Scores;

namespace Sightline.Storage.ClickHouse;

/// <summary>Immediate score deletion: tombstones for the visible rows, as trace deletion writes them.</summary>
internal sealed class ClickHouseScoreDeletion(ClickHouseClient client, VersionClock clock) : IScoreDeletion
{
    public async Task<long> DeleteScoresAsync(string projectId, IReadOnlyCollection<string> scoreIds, CancellationToken ct)
    {
        long deleted = 0;
        foreach (var ids in IdChunks.Split(scoreIds.Distinct(StringComparer.Ordinal)))
        {
            var p = new ClickHouseParameters();
            var visible = $"FROM scores FINAL WHERE project_id = {p.Add(projectId)} AND id IN ({p.Add(ids)})";
            deleted += (await client.QueryAsync($"SELECT count() {visible}", p, r => r.Long(0), ct))[0];
            var version = "toDateTime64(" + ClickHouseText.Quoted(clock.Next()) + ", 6, 'UTC')";
            await client.ExecuteAsync($"INSERT INTO scores (project_id, id, event_ts, is_deleted) SELECT project_id, id, {version}, 1 {visible}", p, ct);
        }

        return deleted;
    }
}
