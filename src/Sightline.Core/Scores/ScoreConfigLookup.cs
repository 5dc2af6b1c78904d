using Microsoft.EntityFrameworkCore;
using Sightline.Storage;
using Sightline.Tracing;

namespace Sightline.Scores;

/// <summary>
/// Reads configs from the metadata store, one query per project of the batch. Not cached: only scores that name a
/// config need it, and an archive or change must apply to the next score at once.
/// </summary>
internal sealed class ScoreConfigLookup(IDbContextFactory<SightlineDbContext> dbFactory) : IScoreConfigLookup
{
    public async Task<IReadOnlyList<ScoreConfig>> GetAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = new List<ScoreConfig>();
        foreach (var project in keys.GroupBy(k => k.ProjectId, StringComparer.Ordinal))
        {
            var ids = project.Select(k => k.Id).Distinct(StringComparer.Ordinal).ToList();
            found.AddRange(await db.ScoreConfigs.AsNoTracking().Where(c => c.ProjectId == project.Key && ids.Contains(c.Id)).ToListAsync(ct));
        }

        return found;
    }
}
