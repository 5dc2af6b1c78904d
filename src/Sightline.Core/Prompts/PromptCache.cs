using System.Collections.Concurrent;

namespace Sightline.Prompts;

/// <summary>
/// Resolved prompts as ready-to-send response bodies, so a warm fetch by name and label or version costs one
/// dictionary lookup and no database or JSON work. Bounded by total size; every write to a project's prompts drops
/// all of that project's entries (resolved prompts embed other prompts, so a narrower key would miss changes).
/// Reads take no lock; fills and invalidations are serialised, and a fill that started before an invalidation is
/// discarded rather than stored.
/// </summary>
internal sealed class PromptCache : IDisposable
{
    private const int EntryOverheadBytes = 128;

    private readonly ConcurrentDictionary<PromptCacheKey, Entry> _entries = new();
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly Lock _writeGate = new();
    private readonly PromptCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly IDisposable _subscription;
    private long _bytes;

    public PromptCache(PromptCacheOptions options, IPromptCacheInvalidation invalidation, TimeProvider time)
    {
        _options = options;
        _time = time;
        _subscription = invalidation.Subscribe(Invalidate);
    }

    public int Count => _entries.Count;

    public long Bytes => Interlocked.Read(ref _bytes);

    public bool TryGet(PromptCacheKey key, out byte[] body)
    {
        var now = _time.GetUtcNow().UtcTicks;
        if (_entries.TryGetValue(key, out var entry) && entry.Generation == Generation(key.ProjectId) && now < entry.ExpiresAt)
        {
            entry.LastUsed = now;
            body = entry.Body;
            return true;
        }

        body = [];
        return false;
    }

    /// <summary>Read before loading from the store; <see cref="Set"/> ignores a body loaded under an older generation.</summary>
    public long Generation(string projectId) => _generations.GetValueOrDefault(projectId);

    public void Set(PromptCacheKey key, byte[] body, long generation)
    {
        if (body.Length > _options.MaxEntryBytes)
        {
            return;
        }

        var now = _time.GetUtcNow().UtcTicks;
        var size = body.Length + ((key.ProjectId.Length + key.Name.Length + (key.Label?.Length ?? 0)) * sizeof(char)) + EntryOverheadBytes;
        var entry = new Entry(body, generation, now + _options.Lifetime.Ticks, size) { LastUsed = now };
        lock (_writeGate)
        {
            if (generation != Generation(key.ProjectId))
            {
                return;
            }

            if (_entries.TryGetValue(key, out var previous))
            {
                _bytes -= previous.Size;
            }

            _entries[key] = entry;
            _bytes += size;
            if (_bytes > _options.MaxBytes)
            {
                EvictLeastRecentlyUsed();
            }
        }
    }

    public void Invalidate(string projectId)
    {
        lock (_writeGate)
        {
            _generations.AddOrUpdate(projectId, 1, (_, g) => g + 1);
            foreach (var (key, entry) in _entries)
            {
                if (key.ProjectId == projectId && _entries.TryRemove(key, out _))
                {
                    _bytes -= entry.Size;
                }
            }
        }
    }

    public void Dispose() => _subscription.Dispose();

    // Runs under the write gate. Trims to three quarters of the budget so a full cache does not sort on every fill.
    private void EvictLeastRecentlyUsed()
    {
        var target = _options.MaxBytes * 3 / 4;
        foreach (var (key, entry) in _entries.ToArray().OrderBy(e => e.Value.LastUsed))
        {
            if (_bytes <= target)
            {
                break;
            }

            if (_entries.TryRemove(key, out _))
            {
                _bytes -= entry.Size;
            }
        }
    }

    private sealed class Entry(byte[] body, long generation, long expiresAt, long size)
    {
        public byte[] Body { get; } = body;
        public long Generation { get; } = generation;
        public long ExpiresAt { get; } = expiresAt;
        public long Size { get; } = size;
        public long LastUsed { get; set; }
    }
}
