using Microsoft.Extensions.Time.Testing;
using Sightline.Common;
using Sightline.Prompts;

namespace Sightline.Core.Tests.Prompts;

public sealed class PromptCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly InProcessCacheInvalidation _invalidation = new();

    private PromptCache Cache(long maxBytes = 1024 * 1024) =>
        new(new PromptCacheOptions { MaxBytes = maxBytes, MaxEntryBytes = 1024, Lifetime = TimeSpan.FromMinutes(5) }, _invalidation, _time);

    private static PromptCacheKey Key(string project, string name, string label = "production") => new(project, name, null, label);

    private static byte[] Body(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task PublishedChange_DropsThatProjectOnly()
    {
        using var cache = Cache();
        cache.Set(Key("p1", "a"), Body("a"), cache.Generation("p1"));
        cache.Set(Key("p1", "b"), Body("b"), cache.Generation("p1"));
        cache.Set(Key("p2", "a"), Body("other"), cache.Generation("p2"));

        await _invalidation.PublishAsync("p1", CancellationToken.None);

        Assert.False(cache.TryGet(Key("p1", "a"), out _));
        Assert.False(cache.TryGet(Key("p1", "b"), out _));
        Assert.True(cache.TryGet(Key("p2", "a"), out var kept));
        Assert.Equal("other", System.Text.Encoding.UTF8.GetString(kept));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task Fill_ThatStartedBeforeAChange_IsNotStored()
    {
        using var cache = Cache();
        var generation = cache.Generation("p1");

        await _invalidation.PublishAsync("p1", CancellationToken.None);
        cache.Set(Key("p1", "a"), Body("read before the change"), generation);

        Assert.False(cache.TryGet(Key("p1", "a"), out _));
        cache.Set(Key("p1", "a"), Body("fresh"), cache.Generation("p1"));
        Assert.True(cache.TryGet(Key("p1", "a"), out _));
    }

    [Fact]
    public void VersionAndLabelKeys_AreDistinct()
    {
        using var cache = Cache();
        cache.Set(new PromptCacheKey("p", "n", 2, null), Body("v2"), 0);

        Assert.False(cache.TryGet(new PromptCacheKey("p", "n", null, "2"), out _));
        Assert.True(cache.TryGet(new PromptCacheKey("p", "n", 2, null), out _));
    }

    [Fact]
    public void Entries_ExpireAfterTheLifetime()
    {
        using var cache = Cache();
        cache.Set(Key("p", "a"), Body("a"), 0);

        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.True(cache.TryGet(Key("p", "a"), out _));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.False(cache.TryGet(Key("p", "a"), out _));
    }

    [Fact]
    public void FullCache_EvictsTheLeastRecentlyUsed_AndStaysWithinItsBudget()
    {
        using var cache = Cache(maxBytes: 2000);
        for (var i = 0; i < 5; i++)
        {
            cache.Set(Key("p", $"n{i}"), new byte[200], 0);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(cache.TryGet(Key("p", "n0"), out _));
        _time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 5; i < 8; i++)
        {
            cache.Set(Key("p", $"n{i}"), new byte[200], 0);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(cache.Bytes <= 2000);
        Assert.True(cache.TryGet(Key("p", "n0"), out _));
        Assert.True(cache.TryGet(Key("p", "n7"), out _));
        Assert.False(cache.TryGet(Key("p", "n1"), out _));
    }

    [Fact]
    public void OversizedBodies_AreNotKept()
    {
        using var cache = Cache();
        cache.Set(Key("p", "huge"), new byte[2048], 0);

        Assert.False(cache.TryGet(Key("p", "huge"), out _));
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public async Task DisposedCache_NoLongerListens()
    {
        var cache = Cache();
        cache.Set(Key("p", "a"), Body("a"), 0);
        cache.Dispose();

        await _invalidation.PublishAsync("p", CancellationToken.None);

        Assert.True(cache.TryGet(Key("p", "a"), out _));
    }
}
