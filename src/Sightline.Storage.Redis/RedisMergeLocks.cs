using Microsoft.Extensions.Logging;
using Sightline.Ingestion;
using StackExchange.Redis;

namespace Sightline.Storage.Redis;

/// <summary>
/// Merge locks shared by every worker process: one Redis key per entity, set with an expiry and a token naming the
/// holder. A live holder renews its keys every third of <c>lease</c>; a holder killed mid-batch stops renewing, and
/// its keys expire after at most <c>lease</c>, when the worker that takes over its queue entries may merge them.
/// </summary>
internal sealed class RedisMergeLocks : IMergeLocks
{
    // All or nothing: a partial set is never held, so two workers wanting overlapping sets cannot deadlock.
    private const string AcquireScript = """
        for i = 1, #KEYS do
          if redis.call('EXISTS', KEYS[i]) == 1 then return 0 end
        end
        for i = 1, #KEYS do
          redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2])
        end
        return 1
        """;

    // Only keys still holding this holder's token are touched: an expired lease taken by another worker stays theirs.
    private const string RenewScript = """
        for i = 1, #KEYS do
          if redis.call('GET', KEYS[i]) == ARGV[1] then redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
        end
        return 1
        """;

    private const string ReleaseScript = """
        for i = 1, #KEYS do
          if redis.call('GET', KEYS[i]) == ARGV[1] then redis.call('DEL', KEYS[i]) end
        end
        return 1
        """;

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly IConnectionMultiplexer _redis;
    private readonly string _keyPrefix;
    private readonly TimeSpan _lease;
    private readonly ILogger _logger;

    public RedisMergeLocks(IConnectionMultiplexer redis, string keyPrefix, TimeSpan lease, ILogger<RedisMergeLocks> logger)
    {
        _redis = redis;
        _keyPrefix = keyPrefix;
        _lease = lease;
        _logger = logger;
    }

    public async ValueTask<IAsyncDisposable> AcquireAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var redisKeys = keys.Select(k => (RedisKey)(_keyPrefix + "merge:" + k)).ToArray();
        var token = Guid.NewGuid().ToString("N");
        var leaseMs = (long)_lease.TotalMilliseconds;
        var delay = TimeSpan.FromMilliseconds(5);
        var waitedSince = TimeProvider.System.GetTimestamp();
        var reported = false;
        while (redisKeys.Length > 0 && (long)await _redis.GetDatabase().ScriptEvaluateAsync(AcquireScript, redisKeys, [token, leaseMs]) != 1)
        {
            if (!reported && TimeProvider.System.GetElapsedTime(waitedSince) > _lease)
            {
                // Longer than a lease: a holder is alive and slow (its write retrying), not dead.
                _logger.MergeLockWaiting(redisKeys.Length, _lease);
                reported = true;
            }

            await Task.Delay(delay, ct);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }

        return new Held(this, redisKeys, token);
    }

    private async Task RenewAsync(RedisKey[] keys, string token) =>
        await _redis.GetDatabase().ScriptEvaluateAsync(RenewScript, keys, [token, (long)_lease.TotalMilliseconds]);

    private async Task ReleaseAsync(RedisKey[] keys, string token) =>
        await _redis.GetDatabase().ScriptEvaluateAsync(ReleaseScript, keys, [token]);

    private sealed class Held : IAsyncDisposable
    {
        private readonly RedisMergeLocks _owner;
        private readonly RedisKey[] _keys;
        private readonly string _token;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewal;

        public Held(RedisMergeLocks owner, RedisKey[] keys, string token)
        {
            _owner = owner;
            _keys = keys;
            _token = token;
            _renewal = keys.Length == 0 ? Task.CompletedTask : RenewUntilReleasedAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _renewal;
            _stop.Dispose();
            if (_keys.Length == 0)
            {
                return;
            }

            try
            {
                await _owner.ReleaseAsync(_keys, _token);
            }
            catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
            {
                // The leases expire on their own; the next merge of these entities waits at most that long.
                _owner._logger.MergeLockReleaseFailed(_keys.Length, ex.Message);
            }
        }

        private async Task RenewUntilReleasedAsync()
        {
            using var timer = new PeriodicTimer(_owner._lease / 3);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    try
                    {
                        await _owner.RenewAsync(_keys, _token);
                    }
                    catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
                    {
                        _owner._logger.MergeLockRenewFailed(_keys.Length, ex.Message);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Released.
            }
        }
    }
}
