using Sightline.Common;

namespace Sightline.Core.Tests.Common;

public sealed class DedicatedThreadTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_LoopAwaitingPoolWork_ResumesEveryTimeOnItsOwnNamedThread()
    {
        var threads = new List<(int Id, string? Name, bool IsPool)>();
        var poolThreads = new List<int>();

        await DedicatedThread.RunAsync("test loop", async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                threads.Add(Current());
                // Completes on a pool thread; the continuation must still come back to the loop's thread.
                await Task.Run(() => poolThreads.Add(Environment.CurrentManagedThreadId));
                await Task.Delay(1);
            }

            threads.Add(Current());
        }).WaitAsync(Within);

        Assert.Equal(6, threads.Count);
        Assert.Single(threads.Distinct());
        Assert.Equal("test loop", threads[0].Name);
        Assert.False(threads[0].IsPool);
        Assert.DoesNotContain(threads[0].Id, poolThreads);
        Assert.NotEqual(Environment.CurrentManagedThreadId, threads[0].Id);
    }

    [Fact]
    public async Task RunAsync_LoopThatThrowsAfterAnAwait_FaultsWithTheSameException()
    {
        var thrown = await Assert.ThrowsAsync<InvalidDataException>(() => DedicatedThread.RunAsync("test loop", async () =>
        {
            await Task.Yield();
            throw new InvalidDataException("bad record");
        }).WaitAsync(Within));

        Assert.Equal("bad record", thrown.Message);
    }

    [Fact]
    public async Task RunAsync_LoopThatThrowsBeforeItsFirstAwait_FaultsInsteadOfThrowingToTheCaller()
    {
        var task = DedicatedThread.RunAsync("test loop", () => throw new InvalidOperationException("at once"));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => task.WaitAsync(Within));
        Assert.Equal("at once", thrown.Message);
    }

    [Fact]
    public async Task RunAsync_LoopCancelledByItsToken_EndsCancelledWithThatToken()
    {
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = DedicatedThread.RunAsync("test loop", async () =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, stop.Token);
        });

        await started.Task.WaitAsync(Within);
        await stop.CancelAsync();

        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(Within));
        Assert.True(task.IsCanceled);
        Assert.Equal(stop.Token, thrown.CancellationToken);
    }

    private static (int Id, string? Name, bool IsPool) Current() =>
        (Environment.CurrentManagedThreadId, Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread);
}
