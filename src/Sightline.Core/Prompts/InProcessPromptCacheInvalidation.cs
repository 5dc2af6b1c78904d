namespace Sightline.Prompts;

/// <summary>The single-node transport: a publish calls every subscriber before it returns.</summary>
internal sealed class InProcessPromptCacheInvalidation : IPromptCacheInvalidation
{
    private readonly Lock _gate = new();
    private Action<string>[] _subscribers = [];

    public ValueTask PublishAsync(string projectId, CancellationToken ct)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber(projectId);
        }

        return ValueTask.CompletedTask;
    }

    public IDisposable Subscribe(Action<string> onChanged)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onChanged];
        }

        return new Subscription(this, onChanged);
    }

    private void Unsubscribe(Action<string> onChanged)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Where(s => s != onChanged).ToArray();
        }
    }

    private sealed class Subscription(InProcessPromptCacheInvalidation owner, Action<string> onChanged) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(onChanged);
    }
}
