using System.Buffers.Binary;
using System.Diagnostics;
using Sightline.Ingestion;

namespace Sightline.Storage.Redis.Tests;

[CollectionDefinition(nameof(RedisRestarts), DisableParallelization = true)]
public sealed class RedisRestarts;

/// <summary>
/// Restarts the test Redis (AOF with appendfsync always, as docs/deployment.md asks of operators) while appends run:
/// every append that returned normally must be read afterwards; the ones refused while Redis was down were never
/// acknowledged to a client, which retries them.
/// </summary>
[Collection(nameof(RedisRestarts))]
public sealed class RedisRestartTests
{
    [Fact]
    public async Task RedisRestartsDuringAppends_NoAcknowledgedRecordIsLost()
    {
        var bucket = await TestEngines.CreateBucketAsync();
        var options = new RedisEventLogOptions { KeyPrefix = "restart:" + Guid.NewGuid().ToString("N") + ":", ConsumerName = "node", PollInterval = TimeSpan.FromMilliseconds(100) };
        await using var opened = await RedisLogs.OpenAsync(bucket, options);
        var acknowledged = new List<int>();
        var refused = 0;
        var restarted = false;
        var next = 0;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!restarted || acknowledged.Count(n => n > 1000) < 20)
        {
            deadline.Token.ThrowIfCancellationRequested();
            if (!restarted && acknowledged.Count == 30)
            {
                await RestartRedisAsync();
                restarted = true;
                next = 1001;
            }

            var payload = new byte[16];
            BinaryPrimitives.WriteInt32LittleEndian(payload, next);
            try
            {
                await opened.Log.AppendAsync(payload, CancellationToken.None);
                acknowledged.Add(next);
            }
            catch (EventLogFullException)
            {
                refused++;
                await Task.Delay(50, deadline.Token);
            }

            next++;
        }

        var read = new List<int>();
        while (read.Count < acknowledged.Count)
        {
            var batch = await opened.Log.ReadAsync(100, TimeSpan.FromSeconds(5), deadline.Token);
            Assert.NotEmpty(batch.Records);
            read.AddRange(batch.Records.Select(r => BinaryPrimitives.ReadInt32LittleEndian(r.Span)));
            await opened.Log.AcknowledgeAsync(batch, deadline.Token);
        }

        Assert.Equal(acknowledged.Order(), read.Order());
        Assert.Equal(0, opened.Log.BacklogBytes);
        Assert.InRange(refused, 0, 1000);
    }

    private static async Task RestartRedisAsync()
    {
        var script = Path.Combine(RepositoryRoot(), "eng", "test-redis.sh");
        using var process = Process.Start(new ProcessStartInfo(script) { ArgumentList = { "restart", TestEngines.RedisDirectory }, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "eng/test-redis.sh restart failed: " + await process.StandardError.ReadToEndAsync());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sightline.slnx")))
            {
                return dir.FullName;
            }
        }

        return typeof(RedisRestartTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "SightlineRepositoryRoot").Value!;
    }
}
