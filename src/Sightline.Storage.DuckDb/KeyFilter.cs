using System.IO.Hashing;
using System.Runtime.InteropServices;
using Sightline.Tracing;

namespace Sightline.Storage.DuckDb;

/// <summary>
/// The (project, id) keys stored in one analytics table, as a scalable Bloom filter (Almeida et al.): a negative
/// answer is always right, a positive one is wrong at a rate of about <see cref="FalsePositiveRate"/>, whatever
/// the number of keys. When the newest segment is full a new one is added with twice the capacity and half the
/// false-positive rate, so the rates of one chain of segments add up to at most twice the first one's; a union
/// (<see cref="UnionWith"/>) adds a second chain, hence a first rate of a quarter of the target. Keys are never
/// removed: a deleted row's key stays a (harmless) positive. Thread-safe.
/// <para>
/// Sizing: about 1.44 log2(1/p) bits per key, 32 bits (4 bytes) per key at the first segment's rate; a million keys
/// take about 4 MB.
/// </para>
/// </summary>
internal sealed class KeyFilter(long initialCapacity = KeyFilter.DefaultInitialCapacity)
{
    public const long DefaultInitialCapacity = 64 * 1024;

    /// <summary>
    /// Target false-positive rate over all segments. A batch of 5,000 new keys then meets a false positive (and
    /// pays one lookup) about once in 200 batches.
    /// </summary>
    public const double FalsePositiveRate = 1e-6;

    private const double FirstSegmentRate = FalsePositiveRate / 4;

    private readonly Lock _lock = new();
    private readonly List<BloomSegment> _segments = [new BloomSegment(Math.Max(1, initialCapacity), FirstSegmentRate)];

    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _segments.Sum(s => s.Count);
            }
        }
    }

    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _segments.Sum(s => s.Bytes);
            }
        }
    }

    public void Add(string projectId, string id)
    {
        var hash = Hash(projectId, id);
        lock (_lock)
        {
            AddLocked(hash);
        }
    }

    public void AddRange<T>(IReadOnlyCollection<T> rows, Func<T, EntityKey> key)
    {
        var hashes = new UInt128[rows.Count];
        var i = 0;
        foreach (var row in rows)
        {
            var k = key(row);
            hashes[i++] = Hash(k.ProjectId, k.Id);
        }

        lock (_lock)
        {
            foreach (var hash in hashes)
            {
                AddLocked(hash);
            }
        }
    }

    public bool MightContain(string projectId, string id)
    {
        var hash = Hash(projectId, id);
        lock (_lock)
        {
            return MightContainLocked(hash);
        }
    }

    /// <summary>The keys that may be stored; the others certainly are not.</summary>
    public List<EntityKey> MightContain(IEnumerable<EntityKey> keys)
    {
        var hashed = keys.Select(k => (Key: k, Hash: Hash(k.ProjectId, k.Id))).ToList();
        var result = new List<EntityKey>();
        lock (_lock)
        {
            foreach (var (key, hash) in hashed)
            {
                if (MightContainLocked(hash))
                {
                    result.Add(key);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Adds every key of <paramref name="other"/>, which must no longer change: its segments join this filter's,
    /// and a key is in the union when any segment has it. New keys then fill the segment with the most room.
    /// </summary>
    public void UnionWith(KeyFilter other)
    {
        List<BloomSegment> segments;
        lock (other._lock)
        {
            segments = [.. other._segments];
        }

        lock (_lock)
        {
            _segments.AddRange(segments);
            _segments.Sort((a, b) => (a.Capacity - a.Count).CompareTo(b.Capacity - b.Count));
        }
    }

    private void AddLocked(UInt128 hash)
    {
        var newest = _segments[^1];
        if (newest.IsFull)
        {
            newest = new BloomSegment(newest.Capacity * 2, FirstSegmentRate / Math.Pow(2, _segments.Count));
            _segments.Add(newest);
        }

        newest.Add(hash);
    }

    private bool MightContainLocked(UInt128 hash)
    {
        foreach (var segment in _segments)
        {
            if (segment.MightContain(hash))
            {
                return true;
            }
        }

        return false;
    }

    // The project id seeds the hash of the id, so ("ab", "c") and ("a", "bc") hash apart without a separator.
    // UTF-16 code units are hashed as they are: the filter lives in this process only, so no encoding is needed.
    private static UInt128 Hash(string projectId, string id)
    {
        var seed = unchecked((long)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(projectId.AsSpan())));
        return XxHash128.HashToUInt128(MemoryMarshal.AsBytes(id.AsSpan()), seed);
    }
}
