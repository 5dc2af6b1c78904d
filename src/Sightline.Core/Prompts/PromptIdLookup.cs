using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Sightline.Storage;

namespace Sightline.Prompts;

/// <summary>
/// Prompt version ids by (project, name, version) for ingestion, which links every generation that names a prompt
/// and must not query per observation. Misses are remembered too; a write to a project's prompts forgets the project.
/// </summary>
internal sealed class PromptIdLookup : IDisposable
{
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<(string ProjectId, string Name, int Version), string?> _ids = new();
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly Lock _writeGate = new();
    private readonly IDbContextFactory<SightlineDbContext> _dbFactory;
    private readonly IDisposable _subscription;

    public PromptIdLookup(IDbContextFactory<SightlineDbContext> dbFactory, IPromptCacheInvalidation invalidation)
    {
        _dbFactory = dbFactory;
        _subscription = invalidation.Subscribe(Invalidate);
    }

    public async ValueTask<string?> FindAsync(string projectId, string name, int version, CancellationToken ct)
    {
        var key = (projectId, name, version);
        if (_ids.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var generation = _generations.GetValueOrDefault(projectId);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var id = await db.Prompts.Where(p => p.ProjectId == projectId && p.Name == name && p.Version == version).Select(p => p.Id).FirstOrDefaultAsync(ct);
        lock (_writeGate)
        {
            // A lookup that overlapped a write may have read the state before it; it answers but is not kept.
            if (generation == _generations.GetValueOrDefault(projectId))
            {
                if (_ids.Count >= MaxEntries)
                {
                    _ids.Clear();
                }

                _ids[key] = id;
            }
        }

        return id;
    }

    public void Invalidate(string projectId)
    {
        lock (_writeGate)
        {
            _generations.AddOrUpdate(projectId, 1, (_, g) => g + 1);
            foreach (var key in _ids.Keys)
            {
                if (key.ProjectId == projectId)
                {
                    _ids.TryRemove(key, out _);
                }
            }
        }
    }

    public void Dispose() => _subscription.Dispose();
}
