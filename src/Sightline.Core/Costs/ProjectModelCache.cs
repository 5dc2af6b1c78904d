using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sightline.Storage;

namespace Sightline.Costs;

/// <summary>
/// Project models read from the metadata store and kept for a short time: ingestion prices thousands of
/// observations per second and must not query per observation. Writes through this process invalidate at once;
/// another process's writes are seen after <see cref="Lifetime"/>.
/// </summary>
internal sealed class ProjectModelCache(
    IDbContextFactory<SightlineDbContext> dbFactory,
    TimeProvider time,
    ILogger<ProjectModelCache> logger) : IProjectModels
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    public async ValueTask<IReadOnlyList<PricedModel>> GetAsync(string projectId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(projectId, out var entry) && entry.ExpiresAt > now)
        {
            return entry.Models;
        }

        // A load that overlaps an invalidation must not store what it read before the change.
        var generation = Interlocked.Read(ref _generation);
        var models = await LoadAsync(projectId, ct);
        if (Interlocked.Read(ref _generation) == generation)
        {
            _entries[projectId] = new Entry(models, now + Lifetime);
        }

        return models;
    }

    public void Invalidate(string projectId)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(projectId, out _);
    }

    private async Task<IReadOnlyList<PricedModel>> LoadAsync(string projectId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.ModelDefinitions.AsNoTracking().Where(m => m.ProjectId == projectId).ToListAsync(ct);
        var models = new List<PricedModel>(rows.Count);
        foreach (var row in rows)
        {
            try
            {
                models.Add(ModelMapping.ToPricedModel(row));
            }
            catch (JsonException e)
            {
                logger.UnreadableModel(e, row.Id, row.ProjectId);
            }
        }

        return ModelMapping.InMatchOrder(models);
    }

    private sealed record Entry(IReadOnlyList<PricedModel> Models, DateTimeOffset ExpiresAt);
}
