using Microsoft.Extensions.Logging.Abstractions;

namespace Sightline.Storage.Redis.Tests;

/// <summary>Merge locks between two worker processes, each with its own Redis connection.</summary>
public sealed class RedisMergeLocksTests
{
    private readonly string _prefix = "merge-test:" + Guid.NewGuid().ToString("N") + ":";

    [Fact]
    public async Task OverlappingKeys_SecondWorkerWaitsUntilTheFirstReleases_DisjointKeysDoNot()
    {
        await using var redisA = RedisConnection.Connect(TestEngines.Redis);
        await using var redisB = RedisConnection.Connect(TestEngines.Redis);
        var workerA = new RedisMergeLocks(redisA, _prefix, TimeSpan.FromSeconds(30), NullLogger<RedisMergeLocks>.Instance);
        var workerB = new RedisMergeLocks(redisB, _prefix, TimeSpan.FromSeconds(30), NullLogger<RedisMergeLocks>.Instance);

        var heldByA = await workerA.AcquireAsync(["t:trace-1", "o:obs-1"], CancellationToken.None);
        await using (await workerB.AcquireAsync(["t:trace-2"], CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5)))
        {
            // Another trace is not held up by A's.
        }

        var waiting = workerB.AcquireAsync(["o:obs-1", "o:obs-2"], CancellationToken.None).AsTask();
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        // All or nothing: B holds none of its keys while waiting, so a third merge of obs-2 alone goes ahead.
        await using (await workerA.AcquireAsync(["o:obs-2"], CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5)))
        {
        }

        await heldByA.DisposeAsync();
        await using var heldByB = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task HolderThatDies_ItsLocksExpireAfterTheLease_WhileALiveHolderKeepsRenewing()
    {
        // Long enough that a renewal every third of it still lands in time on a loaded 2-core runner.
        var lease = TimeSpan.FromMilliseconds(1500);
        await using var redisLive = RedisConnection.Connect(TestEngines.Redis);
        await using var redisB = RedisConnection.Connect(TestEngines.Redis);
        var live = new RedisMergeLocks(redisLive, _prefix, lease, NullLogger<RedisMergeLocks>.Instance);
        var workerB = new RedisMergeLocks(redisB, _prefix, lease, NullLogger<RedisMergeLocks>.Instance);

        // A holder whose connection is gone (its process killed) renews nothing.
        var redisDead = RedisConnection.Connect(TestEngines.Redis);
        var dead = new RedisMergeLocks(redisDead, _prefix, lease, NullLogger<RedisMergeLocks>.Instance);
        var abandoned = await dead.AcquireAsync(["t:orphan"], CancellationToken.None);
        await redisDead.CloseAsync();
        var heldByLive = await live.AcquireAsync(["t:busy"], CancellationToken.None);

        await using (await workerB.AcquireAsync(["t:orphan"], CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5)))
        {
        }

        // Three leases later the live holder still has its key.
        var waiting = workerB.AcquireAsync(["t:busy"], CancellationToken.None).AsTask();
        await Task.Delay(lease * 3);
        Assert.False(waiting.IsCompleted);
        await heldByLive.DisposeAsync();
        await using var taken = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        await abandoned.DisposeAsync();
        redisDead.Dispose();
    }
}
