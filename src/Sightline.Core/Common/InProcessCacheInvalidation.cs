using Sightline.Auth;
using Sightline.Prompts;

namespace Sightline.Common;

/// <summary>The single-node transport: a publish calls every subscriber before it returns. One instance per cache.</summary>
internal sealed class InProcessCacheInvalidation : IPromptCacheInvalidation, IApiKeyCacheInvalidation
{
    private readonly Lock _gate = new();
    private Action<string>[] _subscribers = [];

    public ValueTask PublishAsync(string key, CancellationToken ct)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber(key);
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

    private sealed class Subscription(InProcessCacheInvalidation owner, Action<string> onChanged) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(onChanged);
    }
}
