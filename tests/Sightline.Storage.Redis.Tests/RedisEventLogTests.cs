using Microsoft.Extensions.Logging.Abstractions;
using Sightline.Ingestion;
using Sightline.Storage.Contracts;
using Sightline.Storage.S3;
using StackExchange.Redis;

namespace Sightline.Storage.Redis.Tests;

/// <summary>The event log contract against S3 objects referenced from a Redis stream; each test has its own bucket and key prefix.</summary>
public sealed class RedisEventLogTests : EventLogContract
{
    private readonly string _keyPrefix = "test:" + Guid.NewGuid().ToString("N") + ":";
    private S3BucketOptions _bucket = null!;

    public override async Task InitializeAsync() => _bucket = await TestEngines.CreateBucketAsync();

    protected override async Task<OpenedLog> OpenLogAsync(LogShape shape)
    {
        var opened = await RedisLogs.OpenAsync(_bucket, new RedisEventLogOptions
        {
            KeyPrefix = _keyPrefix,
            ConsumerName = "node-a",
            MaxBacklogBytes = shape.MaxBacklogBytes,
            PollInterval = TimeSpan.FromMilliseconds(200),
        });
        return new OpenedLog(opened.Log, opened.Log, opened);
    }

    protected override Task<long> StoredBytesAsync() => S3Objects.Create(_bucket).SizeAsync("events/", CancellationToken.None);

    [Fact]
    public async Task WorkerDiesBetweenReadAndAcknowledge_AnotherConsumerTakesTheRecordsOver()
    {
        var options = new RedisEventLogOptions { KeyPrefix = _keyPrefix, ClaimAfter = TimeSpan.FromMilliseconds(500), PollInterval = TimeSpan.FromMilliseconds(100) };
        await using var dying = await RedisLogs.OpenAsync(_bucket, options with { ConsumerName = "worker-1" });
        await using var survivor = await RedisLogs.OpenAsync(_bucket, options with { ConsumerName = "worker-2" });
        for (var i = 0; i < 5; i++)
        {
            await dying.Log.AppendAsync(Payload(i), CancellationToken.None);
        }

        var taken = await dying.Log.ReadAsync(10, TimeSpan.FromSeconds(5), CancellationToken.None);
        await dying.DisposeAsync(); // never acknowledges
        var (records, last) = await ReadAllAsync(survivor.Log, 5);
        await survivor.Log.AcknowledgeAsync(last, CancellationToken.None);
        var after = await survivor.Log.ReadAsync(10, TimeSpan.FromMilliseconds(800), CancellationToken.None);

        Assert.Equal([0, 1, 2, 3, 4], taken.Records.Select(NumberOf));
        Assert.Equal([0, 1, 2, 3, 4], records.Select(NumberOf).Order());
        Assert.Empty(after.Records);
        Assert.Equal(0, survivor.Log.BacklogBytes);
    }

    [Fact]
    public async Task TwoConsumers_ShareTheStream_EachRecordIsReadOnce()
    {
        var options = new RedisEventLogOptions { KeyPrefix = _keyPrefix, PollInterval = TimeSpan.FromMilliseconds(100) };
        await using var a = await RedisLogs.OpenAsync(_bucket, options with { ConsumerName = "a" });
        await using var b = await RedisLogs.OpenAsync(_bucket, options with { ConsumerName = "b" });
        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => a.Log.AppendAsync(Payload(i), CancellationToken.None).AsTask()));

        var seen = new List<int>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (seen.Count < 60)
        {
            foreach (var consumer in new[] { a.Log, b.Log })
            {
                var batch = await consumer.ReadAsync(7, TimeSpan.FromMilliseconds(100), deadline.Token);
                seen.AddRange(batch.Records.Select(NumberOf));
                await consumer.AcknowledgeAsync(batch, deadline.Token);
            }
        }

        Assert.Equal(Enumerable.Range(0, 60), seen.Order());
    }

    [Fact]
    public async Task Open_WhenTheBucketDoesNotExist_FailsNamingTheBucketSetting()
    {
        var missing = _bucket with { Bucket = "missing-" + Guid.NewGuid().ToString("N"), SettingPrefix = "LANGFUSE_S3_EVENT_UPLOAD_" };

        var error = await Assert.ThrowsAsync<S3StartException>(() => RedisLogs.OpenAsync(missing, new RedisEventLogOptions { KeyPrefix = _keyPrefix }));

        Assert.Equal("LANGFUSE_S3_EVENT_UPLOAD_BUCKET", error.Setting);
        Assert.Contains(missing.Bucket, error.Message, StringComparison.Ordinal);
    }
}
