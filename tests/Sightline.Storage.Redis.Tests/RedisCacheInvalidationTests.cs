using System.Collections.Concurrent;

namespace Sightline.Storage.Redis.Tests;

/// <summary>Two nodes, each with its own Redis connection, as two web processes behind a load balancer.</summary>
public sealed class RedisCacheInvalidationTests
{
    [Fact]
    public async Task Publish_OnOneNode_ReachesTheOtherNode_AndRunsLocalSubscribersOnce()
    {
        var prefix = "prompts-test:" + Guid.NewGuid().ToString("N") + ":";
        await using var redisA = RedisConnection.Connect(TestEngines.Redis);
        await using var redisB = RedisConnection.Connect(TestEngines.Redis);
        using var nodeA = new RedisCacheInvalidation(redisA, prefix + RedisCacheInvalidation.PromptsChannel);
        using var nodeB = new RedisCacheInvalidation(redisB, prefix + RedisCacheInvalidation.PromptsChannel);
        await nodeA.StartAsync();
        await nodeB.StartAsync();
        var heardByA = new ConcurrentQueue<string>();
        var heardByB = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subA = nodeA.Subscribe(heardByA.Enqueue);
        using var subB = nodeB.Subscribe(p => heardByB.TrySetResult(p));

        await nodeA.PublishAsync("project-42", CancellationToken.None);
        var remote = await heardByB.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // A second announcement from B proves A's channel works too; A then holds its own and B's, nothing twice.
        var secondAtA = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var waitA = nodeA.Subscribe(p =>
        {
            if (p == "project-7")
            {
                secondAtA.TrySetResult();
            }
        });
        await nodeB.PublishAsync("project-7", CancellationToken.None);
        await secondAtA.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("project-42", remote);
        Assert.Equal(["project-42", "project-7"], heardByA);
    }
}
