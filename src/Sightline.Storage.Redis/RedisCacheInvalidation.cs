using Sightline.Auth;
using Sightline.Prompts;
using StackExchange.Redis;

namespace Sightline.Storage.Redis;

/// <summary>
/// Cache invalidation across nodes, one instance per cache and channel: a publish runs this node's subscribers at
/// once and relays the key on a Redis channel; every other node's subscribers run when the message arrives. A node
/// that missed messages while Redis was away still drops entries when its cache lifetime ends.
/// </summary>
internal sealed class RedisCacheInvalidation : IPromptCacheInvalidation, IApiKeyCacheInvalidation, IDisposable
{
    /// <summary>Channel (after the key prefix) of the prompt cache: project ids.</summary>
    public const string PromptsChannel = "prompts:changed";

    /// <summary>Channel (after the key prefix) of the API key cache: key ids, or <see cref="IApiKeyCacheInvalidation.All"/>.</summary>
    public const string ApiKeysChannel = "api-keys:changed";

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisChannel _channel;
    private readonly string _nodeId = Guid.NewGuid().ToString("N");
    private readonly Lock _gate = new();
    private Action<string>[] _subscribers = [];
    private ChannelMessageQueue? _queue;

    public RedisCacheInvalidation(IConnectionMultiplexer redis, string channel)
    {
        _redis = redis;
        _channel = RedisChannel.Literal(channel);
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

    public async ValueTask PublishAsync(string key, CancellationToken ct)
    {
        Notify(key);
        try
        {
            await _redis.GetSubscriber().PublishAsync(_channel, _nodeId + "|" + key);
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

    private void Notify(string key)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber(key);
        }
    }

    private void Unsubscribe(Action<string> onChanged)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => s != onChanged)];
        }
    }

    private sealed class Subscription(RedisCacheInvalidation owner, Action<string> onChanged) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(onChanged);
    }
}
