namespace Sightline.Common;

/// <summary>
/// The synchronization context of a <see cref="DedicatedThread"/>: posted continuations queue up and
/// <see cref="Run"/> executes them one at a time on the owning thread until <see cref="Complete"/> is called.
/// A continuation posted after that (a late callback of the finished loop) runs on the thread pool instead of
/// being lost.
/// </summary>
internal sealed class DedicatedThreadContext : SynchronizationContext
{
    // Monitor rather than System.Threading.Lock: the pump waits on it for the next posted item.
    private readonly object _gate = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private bool _completed;

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_gate)
        {
            if (!_completed)
            {
                _queue.Enqueue((d, state));
                Monitor.Pulse(_gate);
                return;
            }
        }

        ThreadPool.QueueUserWorkItem(s => d(s), state, preferLocal: false);
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("A dedicated thread runs posted work only.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs posted items until <see cref="Complete"/>; items already queued then still run.</summary>
    public void Run()
    {
        while (true)
        {
            (SendOrPostCallback Callback, object? State) next;
            lock (_gate)
            {
                while (_queue.Count == 0 && !_completed)
                {
                    Monitor.Wait(_gate);
                }

                if (!_queue.TryDequeue(out next))
                {
                    return;
                }
            }

            next.Callback(next.State);
        }
    }

    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.Pulse(_gate);
        }
    }
}
