using Microsoft.Extensions.Logging.Abstractions;
using Sightline.Ingestion;

namespace Sightline.Storage.Local.Tests;

public sealed class LocalEventLogDiskFullTests
{
    private static byte[] Record(int n)
    {
        var bytes = new byte[10_000];
        Array.Fill(bytes, (byte)n);
        return bytes;
    }

    [LinuxRootFact]
    public async Task DiskFull_RefusesWithoutPartialRecords_AndRecoversOnceTheConsumerFreesSpace()
    {
        await using var disk = await SmallTmpfs.MountAsync(512);
        var options = new LocalEventLogOptions { SegmentBytes = 64 * 1024, MaxBacklogBytes = 100L * 1024 * 1024 };
        await using var log = new LocalEventLog(disk.Path, options, TimeProvider.System, NullLogger<LocalEventLog>.Instance);
        await log.OpenAsync(CancellationToken.None);

        // Waves of concurrent appends, so refusals hit whole group commits, not just single records.
        var durable = new List<int>();
        var refusals = new List<EventLogFullException>();
        for (var wave = 0; refusals.Count == 0 && wave < 100; wave++)
        {
            var numbers = Enumerable.Range(wave * 8, 8).ToList();
            var appends = numbers.Select(n => log.AppendAsync(Record(n), CancellationToken.None).AsTask()).ToList();
            for (var i = 0; i < appends.Count; i++)
            {
                try
                {
                    await appends[i];
                    durable.Add(numbers[i]);
                }
                catch (EventLogFullException ex)
                {
                    refusals.Add(ex);
                }
            }
        }

        var onDisk = SegmentFiles.List(disk.Path).Sum(s => new FileInfo(SegmentFiles.PathOf(disk.Path, s)).Length);
        var backlogWhenFull = log.BacklogBytes;
        var read = new List<ReadOnlyMemory<byte>>();
        while (true)
        {
            var batch = await log.ReadAsync(100, TimeSpan.FromMilliseconds(50), CancellationToken.None);
            if (batch.Records.Count == 0)
            {
                break;
            }

            read.AddRange(batch.Records);
            await log.AcknowledgeAsync(batch, CancellationToken.None);
        }

        await log.AppendAsync(Record(1000), CancellationToken.None);
        var afterRecovery = await log.ReadAsync(10, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.NotEmpty(refusals);
        Assert.All(refusals, r => Assert.Equal(28, Assert.IsType<IOException>(r.InnerException).HResult));
        Assert.NotEmpty(durable);
        Assert.Equal(durable.Count * (10_000 + RecordFrame.HeaderBytes), onDisk);
        Assert.Equal(onDisk, backlogWhenFull);
        Assert.Equal(durable, read.Select(r => (int)r.Span[0]));
        Assert.All(read, r => Assert.Equal(Record(r.Span[0]), r.ToArray()));
        Assert.Equal([1000 % 256], afterRecovery.Records.Select(r => (int)r.Span[0]));
        Assert.Null(log.Problem);
    }
}
