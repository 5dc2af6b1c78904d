using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sightline.Storage;
using Sightline.Storage.DuckDb;
using Sightline.Tracing;

namespace Sightline.Bench;

/// <summary>
/// A data directory holding <see cref="ReadsData"/> for a number of traces, written through the product's analytics
/// writer (the embedded profile's DuckDB store) in batches in time order, as the ingestion worker would have written
/// them, so the tables, columns and values are the ones users get. Generated once per size and <see cref="Version"/>
/// under <c>bench/.data/</c> (git-ignored) and reused: the server only reads it.
/// <para>
/// Generation speed: the worker's batches (a few thousand rows) and the server's resource caps made a million traces
/// take hours on a loaded 2-core machine (100–230 traces a second). The generator therefore writes batches of
/// <see cref="TracesPerBatch"/> traces (10 times the observations), builds the next batch on another thread while
/// the writer stores the current one, and opens the store with two DuckDB threads, a 2 GiB memory limit and a
/// checkpoint every 1 GiB of log. None of that changes what is stored: the same rows in the same order, compressed by
/// the same checkpoints into row groups of DuckDB's fixed size; the server then reads the file with its own defaults.
/// </para>
/// </summary>
internal static class ReadsStore
{
    /// <summary>Raised whenever <see cref="ReadsData"/> changes what it generates, so stale data is not reused.</summary>
    private const int Version = 2;
    public const int TracesPerBatch = 20_000;
    private const int SampleSize = 200;

    public static async Task<ReadsManifest> EnsureAsync(string root, int traces)
    {
        var directory = Path.Combine(root, "bench", ".data", $"reads-v{Version}-{traces}");
        var manifestPath = Path.Combine(directory, "manifest.json");
        if (File.Exists(manifestPath))
        {
            var stored = JsonSerializer.Deserialize<ReadsManifest>(await File.ReadAllTextAsync(manifestPath)) ?? throw new InvalidDataException(manifestPath + " is empty");
            return stored with { Directory = directory };
        }

        var partial = directory + ".partial";
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }

        Directory.CreateDirectory(partial);
        var end = new DateTime(TimeProvider.System.GetUtcNow().UtcDateTime.Ticks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, DateTimeKind.Utc);
        var generator = new ReadsData(traces, end);
        var sampleEvery = Math.Max(1, traces / SampleSize);
        List<string> traceIds = [], userIds = [], sessionIds = [];
        var started = Stopwatch.GetTimestamp();
        var analyticsPath = Path.Combine(partial, "analytics.duckdb");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDuckDbAnalytics(analyticsPath, new DuckDbOptions
        {
            Threads = 2,
            MemoryLimitBytes = 2L * 1024 * 1024 * 1024,
            CheckpointThresholdBytes = 1L * 1024 * 1024 * 1024,
        });
        await using (var provider = services.BuildServiceProvider())
        {
            foreach (var initializer in provider.GetServices<IStorageInitializer>())
            {
                await initializer.InitializeAsync(CancellationToken.None);
            }

            var writer = provider.GetRequiredService<IAnalyticsWriter>();
            var written = 0;
            var nextReport = Stopwatch.GetTimestamp();
            // The next batch is generated on another thread while the current one is written.
            var next = Task.Run(() => generator.Next(TracesPerBatch));
            while (true)
            {
                var batch = await next;
                if (batch.IsEmpty)
                {
                    break;
                }

                next = Task.Run(() => generator.Next(TracesPerBatch));
                foreach (var trace in batch.Traces)
                {
                    if (written++ % sampleEvery == 0)
                    {
                        traceIds.Add(trace.Id);
                        userIds.Add(trace.UserId!);
                        sessionIds.Add(trace.SessionId!);
                    }
                }

                await writer.WriteAsync(batch, CancellationToken.None);
                if (Stopwatch.GetTimestamp() >= nextReport)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reads: {written:N0} of {traces:N0} traces written ({Stopwatch.GetElapsedTime(started).TotalSeconds:0} s)"));
                    nextReport = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
                }
            }
        }

        var manifest = new ReadsManifest(
            traces, end, Stopwatch.GetElapsedTime(started).TotalSeconds, new FileInfo(analyticsPath).Length, traceIds, userIds, sessionIds)
        {
            Directory = directory,
        };
        await File.WriteAllTextAsync(Path.Combine(partial, "manifest.json"), JsonSerializer.Serialize(manifest));
        Directory.Move(partial, directory);
        return manifest;
    }
}
