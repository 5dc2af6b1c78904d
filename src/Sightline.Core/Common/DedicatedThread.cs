namespace Sightline.Common;

/// <summary>
/// Runs an async loop on a thread of its own instead of the thread pool: every continuation of the loop comes back
/// to that thread through a <see cref="DedicatedThreadContext"/>, so the synchronous stretches inside it (fsync,
/// DuckDB calls, merging a large batch) never hold one of the few pool threads that serve requests. On a 2-core
/// host the pool keeps about two threads; a loop that blocks one of them leaves requests queued until the pool
/// injects more threads, which it does at a rate of one or two a second.
/// </summary>
public static class DedicatedThread
{
    /// <summary>
    /// Starts <paramref name="loop"/> on a new background thread called <paramref name="name"/>; the returned task
    /// completes as the loop's does (with its result, exception or cancellation), after which the thread exits.
    /// </summary>
    public static Task RunAsync(string name, Func<Task> loop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => Pump(loop, done)) { IsBackground = true, Name = name };
        thread.Start();
        return done.Task;
    }

    /// <summary>As <see cref="RunAsync(string, Func{Task})"/>, for work with a result.</summary>
    public static async Task<T> RunAsync<T>(string name, Func<Task<T>> work)
    {
        T result = default!;
        // A block body, so the lambda is a Func<Task> and this calls the overload above, not itself.
        await RunAsync(name, async () => { result = await work(); });
        return result;
    }

    private static void Pump(Func<Task> loop, TaskCompletionSource done)
    {
        var context = new DedicatedThreadContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            Task task;
            try
            {
                task = loop();
            }
            catch (Exception ex)
            {
                task = Task.FromException(ex);
            }

            // The pump stops once the loop is done; continuations posted later run on the pool (see the context).
            task.ContinueWith(_ => context.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            context.Run();
            if (task.IsCanceled)
            {
                done.TrySetCanceled(CancellationOf(task));
            }
            else if (task.Exception is { } error)
            {
                done.TrySetException(error.InnerExceptions);
            }
            else
            {
                done.TrySetResult();
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private static CancellationToken CancellationOf(Task task)
    {
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException ex)
        {
            return ex.CancellationToken;
        }

        return CancellationToken.None;
    }
}
