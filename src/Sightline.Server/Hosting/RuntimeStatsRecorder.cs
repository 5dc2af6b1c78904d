using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sightline.Ingestion;

namespace Sightline.Server.Hosting;

/// <summary>
/// A diagnostic for load tests, off unless <c>SIGHTLINE_RUNTIME_STATS_FILE</c> names a file: once a second it
/// appends one line of what the runtime did in that second (collections and their pause time, allocation, thread-pool
/// threads and queue, process CPU) and the event log's backlog. It reads counters the runtime keeps anyway, so it
/// costs a few microseconds a second; it exists to find where latency goes, not for monitoring.
/// </summary>
internal sealed class RuntimeStatsRecorder(string path, IEventLog log, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan QueueSample = TimeSpan.FromMilliseconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var file = new StreamWriter(path, append: true, Encoding.UTF8) { AutoFlush = true };
        await file.WriteLineAsync("time gen0 gen1 gen2 pause_ms max_pause_ms alloc_mb heap_mb threads queue_max queue_avg completed cpu_cores backlog_mb gc_committed_mb rss_mb anon_mb".AsMemory(), stoppingToken);
        var previous = Snapshot.Take();
        var started = time.GetTimestamp();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var maxPause = TimeSpan.Zero;
        var lastGcIndex = 0L;
        long queueMax = 0;
        long queueSum = 0;
        var samples = 0;
        using var timer = new PeriodicTimer(QueueSample, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // The queue length and the last collection's pause are sampled between the one-second lines.
                var queued = ThreadPool.PendingWorkItemCount;
                queueMax = Math.Max(queueMax, queued);
                queueSum += queued;
                samples++;
                var info = GC.GetGCMemoryInfo(GCKind.Any);
                if (info.Index != lastGcIndex)
                {
                    lastGcIndex = info.Index;
                    maxPause = info.PauseDurations[0] > maxPause ? info.PauseDurations[0] : maxPause;
                }

                var elapsed = time.GetElapsedTime(started);
                if (elapsed < Interval)
                {
                    continue;
                }

                var now = Snapshot.Take();
                process.Refresh();
                var cpuNow = process.TotalProcessorTime;
                var line = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{time.GetUtcNow():HH:mm:ss} {now.Gen0 - previous.Gen0} {now.Gen1 - previous.Gen1} {now.Gen2 - previous.Gen2} {(now.Pause - previous.Pause).TotalMilliseconds:0.0} {maxPause.TotalMilliseconds:0.0} {(now.Allocated - previous.Allocated) / 1048576.0:0.0} {GC.GetTotalMemory(false) / 1048576.0:0} {ThreadPool.ThreadCount} {queueMax} {(double)queueSum / samples:0.0} {now.Completed - previous.Completed} {(cpuNow - cpu).TotalSeconds / elapsed.TotalSeconds:0.00} {log.BacklogBytes / 1048576.0:0.0} {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:0} {ResidentKilobytes("VmRSS:") / 1024.0:0} {ResidentKilobytes("RssAnon:") / 1024.0:0}");
                await file.WriteLineAsync(line.AsMemory(), stoppingToken);
                previous = now;
                cpu = cpuNow;
                started = time.GetTimestamp();
                maxPause = TimeSpan.Zero;
                queueMax = 0;
                queueSum = 0;
                samples = 0;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>A kilobyte figure of <c>/proc/self/status</c> (Linux), or -1 where there is none.</summary>
    private static long ResidentKilobytes(string field)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var digits = line.AsSpan(field.Length).Trim().TrimEnd("kB").Trim();
                    return long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return -1;
    }

    private readonly record struct Snapshot(int Gen0, int Gen1, int Gen2, TimeSpan Pause, long Allocated, long Completed)
    {
        public static Snapshot Take() => new(
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(),
            GC.GetTotalAllocatedBytes(precise: false), ThreadPool.CompletedWorkItemCount);
    }
}
