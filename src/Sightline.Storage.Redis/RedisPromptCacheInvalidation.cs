using Sightline.Prompts;
using StackExchange.Redis;

namespace Sightline.Storage.Redis;

/// <summary>
/// Prompt cache invalidation across nodes: a publish runs this node's subscribers at once and relays the project id
/// on a Redis channel; every other node's subscribers run when the message arrives. A node that missed messages
/// while Redis was away still drops entries when its cache lifetime ends.
/// </summary>
internal sealed class RedisPromptCacheInvalidation : IPromptCacheInvalidation, IDisposable
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisChannel _channel;
    private readonly string _nodeId = Guid.NewGuid().ToString("N");
    private readonly Lock _gate = new();
    private Action<string>[] _subscribers = [];
    private ChannelMessageQueue? _queue;

    public RedisPromptCacheInvalidation(IConnectionMultiplexer redis, string keyPrefix)
    {
        _redis = redis;
        _channel = RedisChannel.Literal(keyPrefix + "prompts:changed");
    }

    public async Task StartAsync()
    {
        _queue = await _redis.GetSubscriber().SubscribeAsync(_channel);
        _queue.OnMessage(message =>
        {
            var text = (string?)message.Message;
            var separator = text?.IndexOf('|', StringComparison.Ordinal) ?? -1;
            if (text is null || separator < 0 || text.AsSpan(0, separator).SequenceEqual(_nodeId))
            {
                return;
            }

            Notify(text[(separator + 1)..]);
        });
    }

    public async ValueTask PublishAsync(string projectId, CancellationToken ct)
    {
        Notify(projectId);
        try
        {
            await _redis.GetSubscriber().PublishAsync(_channel, _nodeId + "|" + projectId);
        }
        catch (RedisException)
        {
            // The change is committed and this node is current; other nodes fall back to their cache lifetime.
        }
    }

    public IDisposable Subscribe(Action<string> onChanged)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onChanged];
        }

        return new Subscription(this, onChanged);
    }

    public void Dispose() => _queue?.Unsubscribe();

    private void Notify(string projectId)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber(projectId);
        }
    }

    private void Unsubscribe(Action<string> onChanged)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => s != onChanged)];
        }
    }

    private sealed class Subscription(RedisPromptCacheInvalidation owner, Action<string> onChanged) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(onChanged);
    }
}
