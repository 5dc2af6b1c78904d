using System.Globalization;
using Microsoft.Extensions.Logging;
using Sightline.Ingestion;
using Sightline.Storage.S3;
using StackExchange.Redis;

namespace Sightline.Storage.Redis;

/// <summary>
/// Event log of the scale profile. An append stores the record as an S3 object (durable before the API answers, as
/// Langfuse does) and then adds a reference to a Redis stream; workers read the stream through one consumer group,
/// acknowledge after their write, and take over what a dead worker left pending after <see cref="RedisEventLogOptions.ClaimAfter"/>.
/// A record whose stream entry was never added (Redis down at that moment) was never acknowledged to the client.
/// </summary>
internal sealed class RedisEventLog : IEventLog, IEventLogConsumer, IAsyncDisposable
{
    // Refuses the entry when it would push the backlog past the bound; the counter and the entry change together.
    private static readonly LuaScript AppendScript = LuaScript.Prepare("""
        local backlog = tonumber(redis.call('GET', @backlogKey) or '0')
        if backlog + tonumber(@size) > tonumber(@max) then return -1 - backlog end
        redis.call('XADD', @streamKey, '*', 'k', @objectKey, 'n', @size)
        return redis.call('INCRBY', @backlogKey, @size)
        """);

    // Only entries this call really acknowledged lower the counter, so two consumers acknowledging one entry count it once.
    private const string AcknowledgeScript = """
        local total = 0
        for i = 1, #ARGV, 2 do
          if redis.call('XACK', KEYS[1], KEYS[3], ARGV[i]) == 1 then
            redis.call('XDEL', KEYS[1], ARGV[i])
            total = total + tonumber(ARGV[i + 1])
          end
        end
        if total > 0 then return redis.call('DECRBY', KEYS[2], total) end
        return tonumber(redis.call('GET', KEYS[2]) or '0')
        """;

    private readonly IConnectionMultiplexer _redis;
    private readonly S3Objects _objects;
    private readonly RedisEventLogOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _appended = new(0);
    private readonly Lock _inflightLock = new();
    private readonly List<(string Position, List<Entry> Entries)> _inflight = [];
    private ChannelMessageQueue? _subscription;
    private long _backlog;
    private bool _ownPendingDrained;
    private string _ownPendingCursor = "0-0";
    private long _nextPosition;

    public RedisEventLog(IConnectionMultiplexer redis, S3Objects objects, RedisEventLogOptions options, ILogger logger)
    {
        _redis = redis;
        _objects = objects;
        _options = options;
        _logger = logger;
    }

    public long BacklogBytes => Interlocked.Read(ref _backlog);

    private IDatabase Db => _redis.GetDatabase();

    public async Task InitializeAsync(CancellationToken ct)
    {
        await _objects.ProbeAsync(ct);
        await EnsureGroupAsync();
        await CheckEvictionPolicyAsync();
        var backlog = await Db.StringGetAsync(_options.BacklogKey);
        Interlocked.Exchange(ref _backlog, backlog.HasValue ? (long)backlog : 0);
        _subscription = await _redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(_options.AppendedChannel));
        _subscription.OnMessage(_ =>
        {
            if (_appended.CurrentCount == 0)
            {
                _appended.Release();
            }
        });
        _logger.Opened(_options.StreamKey, _options.ConsumerName, BacklogBytes);
    }

    public async ValueTask AppendAsync(ReadOnlyMemory<byte> record, CancellationToken ct)
    {
        // The bound is the shared counter in Redis, which every node's appends raise and every worker's
        // acknowledgements lower. This node's copy is only a hint from its last append; before refusing on it, read
        // the counter again, since on a web node (which acknowledges nothing) it would otherwise never come down.
        if (BacklogBytes + record.Length > _options.MaxBacklogBytes && await SharedBacklogAsync() + record.Length > _options.MaxBacklogBytes)
        {
            throw new EventLogFullException($"the event log holds {BacklogBytes} unprocessed bytes (limit {_options.MaxBacklogBytes}); the workers are behind.");
        }

        // The copy keeps the promise that the caller may reuse its buffer, whatever happens to this call.
        var bytes = record.ToArray();
        var key = ObjectKey();
        await _objects.PutAsync(key, bytes, CancellationToken.None);
        RedisResult result;
        try
        {
            result = await Db.ScriptEvaluateAsync(AppendScript, new
            {
                backlogKey = (RedisKey)_options.BacklogKey,
                streamKey = (RedisKey)_options.StreamKey,
                objectKey = key,
                size = bytes.Length,
                max = _options.MaxBacklogBytes,
            });
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            await DeleteQuietlyAsync([key]);
            throw new EventLogFullException("the work queue (Redis) is unreachable; nothing was acknowledged.", ex);
        }

        var backlog = (long)result;
        if (backlog < 0)
        {
            Interlocked.Exchange(ref _backlog, -1 - backlog);
            await DeleteQuietlyAsync([key]);
            throw new EventLogFullException($"the event log holds {-1 - backlog} unprocessed bytes (limit {_options.MaxBacklogBytes}); the workers are behind.");
        }

        Interlocked.Exchange(ref _backlog, backlog);
        await Db.PublishAsync(RedisChannel.Literal(_options.AppendedChannel), string.Empty, CommandFlags.FireAndForget);
    }

    public async ValueTask<EventLogBatch> ReadAsync(int maxRecords, TimeSpan wait, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(wait);
        while (true)
        {
            List<Entry> entries;
            try
            {
                entries = await NextEntriesAsync(maxRecords);
                if (entries.Count > 0)
                {
                    return await LoadAsync(entries, ct);
                }
            }
            catch (Exception ex) when (ex is RedisException or Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or HttpRequestException)
            {
                // Redis may have handed this consumer entries whose answer never arrived (a restart cut it), or their
                // objects could not be fetched: they are pending under this consumer's name, so look there first next
                // time instead of leaving them to the claim timeout.
                _ownPendingDrained = false;
                _ownPendingCursor = "0-0";
                throw;
            }

            try
            {
                await _appended.WaitAsync(_options.PollInterval, timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return EventLogBatch.Empty;
            }
        }
    }

    public async ValueTask AcknowledgeAsync(EventLogBatch batch, CancellationToken ct)
    {
        if (batch.Records.Count == 0 && batch.Position.Length == 0)
        {
            return;
        }

        // The batches stay in flight until Redis has the acknowledgement, so a call cut short by a Redis restart can be
        // made again; acknowledging an entry twice lowers the counter once (see AcknowledgeScript).
        List<Entry> entries;
        lock (_inflightLock)
        {
            var index = _inflight.FindIndex(b => b.Position == batch.Position);
            if (index < 0)
            {
                return;
            }

            entries = [.. _inflight.Take(index + 1).SelectMany(b => b.Entries)];
        }

        var args = new RedisValue[entries.Count * 2];
        for (var i = 0; i < entries.Count; i++)
        {
            args[2 * i] = entries[i].Id;
            args[(2 * i) + 1] = entries[i].Size;
        }

        var result = await Db.ScriptEvaluateAsync(AcknowledgeScript, [_options.StreamKey, _options.BacklogKey, RedisEventLogOptions.Group], args);
        lock (_inflightLock)
        {
            var index = _inflight.FindIndex(b => b.Position == batch.Position);
            if (index >= 0)
            {
                _inflight.RemoveRange(0, index + 1);
            }
        }

        Interlocked.Exchange(ref _backlog, (long)result);
        await DeleteQuietlyAsync([.. entries.Select(e => e.Key)]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.UnsubscribeAsync();
        }

        _appended.Dispose();
    }

    private async Task<long> SharedBacklogAsync()
    {
        try
        {
            var value = await Db.StringGetAsync(_options.BacklogKey);
            var backlog = value.HasValue ? (long)value : 0;
            Interlocked.Exchange(ref _backlog, backlog);
            return backlog;
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            throw new EventLogFullException("the work queue (Redis) is unreachable; nothing was acknowledged.", ex);
        }
    }

    private async Task<List<Entry>> NextEntriesAsync(int maxRecords)
    {
        StreamEntry[] raw;
        try
        {
            raw = await ReadStreamAsync(maxRecords);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            // Redis lost the group (a restart without persistence, or the stream deleted): start it again at the beginning.
            await EnsureGroupAsync();
            raw = await ReadStreamAsync(maxRecords);
        }

        var entries = new List<Entry>(raw.Length);
        lock (_inflightLock)
        {
            var held = _inflight.SelectMany(b => b.Entries).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var entry in raw)
            {
                if (entry.IsNull || held.Contains(entry.Id!))
                {
                    continue;
                }

                entries.Add(new Entry(entry.Id!, (string)entry["k"]!, (long)entry["n"]));
            }
        }

        return entries;
    }

    private async Task<StreamEntry[]> ReadStreamAsync(int maxRecords)
    {
        var db = Db;
        if (!_ownPendingDrained)
        {
            // What this consumer read before a restart and never acknowledged comes back first, in order.
            var own = await db.StreamReadGroupAsync(_options.StreamKey, RedisEventLogOptions.Group, _options.ConsumerName, _ownPendingCursor, maxRecords);
            if (own.Length > 0)
            {
                _ownPendingCursor = own[^1].Id!;
                return own;
            }

            _ownPendingDrained = true;
        }

        var claimed = await db.StreamAutoClaimAsync(_options.StreamKey, RedisEventLogOptions.Group, _options.ConsumerName,
            (long)_options.ClaimAfter.TotalMilliseconds, "0-0", maxRecords);
        var taken = claimed.ClaimedEntries.Where(e => !e.IsNull).ToArray();
        if (taken.Length > 0)
        {
            _logger.Claimed(taken.Length, _options.ClaimAfter);
            return taken;
        }

        return await db.StreamReadGroupAsync(_options.StreamKey, RedisEventLogOptions.Group, _options.ConsumerName, StreamPosition.NewMessages, maxRecords);
    }

    private async Task<EventLogBatch> LoadAsync(List<Entry> entries, CancellationToken ct)
    {
        var bodies = await Task.WhenAll(entries.Select(e => _objects.GetAsync(e.Key, ct)));
        var records = new List<ReadOnlyMemory<byte>>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            if (bodies[i] is { } body)
            {
                records.Add(body);
            }
            else
            {
                // Acknowledged and deleted by a consumer that held it a moment ago: the entry is acknowledged with this batch.
                _logger.ObjectMissing(entries[i].Id, entries[i].Key);
            }
        }

        var position = Interlocked.Increment(ref _nextPosition).ToString(CultureInfo.InvariantCulture);
        lock (_inflightLock)
        {
            _inflight.Add((position, entries));
        }

        return new EventLogBatch(records, position);
    }

    private async Task EnsureGroupAsync()
    {
        try
        {
            await Db.StreamCreateConsumerGroupAsync(_options.StreamKey, RedisEventLogOptions.Group, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another node (or an earlier start) created it.
        }
    }

    private async Task CheckEvictionPolicyAsync()
    {
        try
        {
            var reply = await Db.ExecuteAsync("CONFIG", "GET", "maxmemory-policy");
            var values = (RedisResult[]?)reply;
            var policy = values is { Length: >= 2 } ? values[1].ToString() : null;
            if (policy is null)
            {
                _logger.EvictionPolicyUnknown("no value returned");
            }
            else if (!string.Equals(policy, "noeviction", StringComparison.OrdinalIgnoreCase))
            {
                _logger.EvictionPolicyUnsafe(policy);
            }
        }
        catch (RedisException ex)
        {
            // Managed Redis services often refuse CONFIG; that must not stop the start.
            _logger.EvictionPolicyUnknown(ex.Message);
        }
    }

    private async Task DeleteQuietlyAsync(IReadOnlyCollection<string> keys)
    {
        try
        {
            await _objects.DeleteAsync(keys, CancellationToken.None);
        }
        catch (Exception ex) when (ex is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or HttpRequestException)
        {
            _logger.DeleteFailed(keys.Count, ex.Message);
        }
    }

    // Time-ordered names make an operator's listing of the bucket read like the log.
    private static string ObjectKey() => "events/" + Guid.CreateVersion7().ToString("N");

    private sealed record Entry(string Id, string Key, long Size);
}
