using Sightline.Tracing;

namespace Sightline.Storage.DuckDb.Tests;

public sealed class KeyFilterTests
{
    // Random keys of the shapes SDKs send (UUIDs, hex, short and empty strings, any UTF-16), from fixed seeds: the
    // hash is deterministic too, so every run checks the same keys and cannot flake. Each seed has projects of its own.
    private static List<EntityKey> RandomKeys(int seed, int count, int projects)
    {
        var random = new Random(seed);
        var projectIds = Enumerable.Range(0, projects).Select(_ => Uuid(random)).ToList();
        return Enumerable.Range(0, count)
            .Select(_ => new EntityKey(projectIds[random.Next(projects)], random.Next(4) switch
            {
                0 => random.NextInt64().ToString("x", System.Globalization.CultureInfo.InvariantCulture),
                1 => new string((char)random.Next(1, 0xD7FF), random.Next(0, 3)),
                _ => Uuid(random),
            }))
            .ToList();

        static string Uuid(Random random)
        {
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            return new Guid(bytes).ToString();
        }
    }

    [Theory]
    [InlineData(1, 1_000, 1)]
    [InlineData(2, 50_000, 3)]
    [InlineData(3, 200_000, 20)]
    public void MightContain_EveryAddedKey_IsNeverRuledOut(int seed, int count, int projects)
    {
        // A small first segment, so the keys spread over several grown segments.
        var filter = new KeyFilter(initialCapacity: 1_000);
        var keys = RandomKeys(seed, count, projects);
        foreach (var chunk in keys.Chunk(777))
        {
            filter.AddRange(chunk, k => k);
        }

        Assert.Equal(keys.Count, filter.MightContain(keys).Count);
        Assert.All(keys.Take(2_000), k => Assert.True(filter.MightContain(k.ProjectId, k.Id)));
        Assert.Equal(count, filter.Count);
    }

    [Fact]
    public void MightContain_KeysNeverAdded_AreAlmostAlwaysRuledOut()
    {
        var filter = new KeyFilter(initialCapacity: 10_000);
        filter.AddRange(RandomKeys(4, 300_000, 5), k => k);

        var absent = RandomKeys(5, 300_000, 5);
        var positives = filter.MightContain(absent).Count;

        // The target is one in a million; 300,000 probes expect 0.3 false positives.
        Assert.InRange(positives, 0, 5);
    }

    [Fact]
    public void MightContain_SameIdInAnotherProject_IsRuledOut()
    {
        var filter = new KeyFilter();
        filter.Add("ab", "c");
        filter.Add("project-1", "trace-1");

        Assert.True(filter.MightContain("ab", "c"));
        Assert.False(filter.MightContain("a", "bc"));
        Assert.False(filter.MightContain("project-2", "trace-1"));
        Assert.False(filter.MightContain("project-1", "trace-2"));
    }

    [Fact]
    public void UnionWith_KeysOfBothFilters_AreNeverRuledOut_AndNewKeysStillGoIn()
    {
        var live = new KeyFilter(initialCapacity: 100);
        var loaded = new KeyFilter(initialCapacity: 30_000);
        var liveKeys = RandomKeys(6, 5_000, 2);
        var loadedKeys = RandomKeys(7, 20_000, 2);
        var laterKeys = RandomKeys(8, 40_000, 2);
        live.AddRange(liveKeys, k => k);
        loaded.AddRange(loadedKeys, k => k);

        live.UnionWith(loaded);
        live.AddRange(laterKeys, k => k);

        var all = liveKeys.Concat(loadedKeys).Concat(laterKeys).ToList();
        Assert.Equal(all.Count, live.MightContain(all).Count);
        Assert.Equal(all.Count, live.Count);
        Assert.InRange(live.MightContain(RandomKeys(9, 100_000, 2)).Count, 0, 5);
    }

    [Fact]
    public void Bytes_AMillionKeys_TakeAboutFourBytesEach()
    {
        var filter = new KeyFilter(initialCapacity: 1_500_000);

        filter.AddRange(RandomKeys(10, 1_000_000, 1), k => k);

        // Sized for 1.5 million at 1 in 4 million: 31.6 bits a key of capacity.
        Assert.InRange(filter.Bytes, 5_500_000, 6_200_000);
        Assert.Equal(1_000_000, filter.Count);
    }

    [Fact]
    public void StoredKeys_BeforeTheLoad_CountEveryKeyAsPossiblyStored()
    {
        var keys = new StoredKeys();
        var requested = new List<EntityKey> { new("p", "a"), new("p", "b") };

        Assert.False(keys.IsComplete);
        Assert.Equal(requested, keys.MaybeStored(AnalyticsTables.Observations, requested));
        Assert.True(keys.AnyMaybeStored(AnalyticsTables.Traces, requested, k => k));
        Assert.False(keys.AnyMaybeStored(AnalyticsTables.Traces, Array.Empty<EntityKey>(), k => k));
        Assert.False(keys.Loaded.IsCompleted);
    }
}
