using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;
using Sightline.Auth;
using Sightline.Ingestion;
using Sightline.Media;
using Sightline.Projects;
using Sightline.Storage;
using Sightline.Storage.DuckDb;
using Sightline.Storage.Sqlite;
using Sightline.Tracing;

namespace Sightline.Bench;

/// <summary>
/// The ingestion worker alone, in this process: event log records of the ingestion benchmark's batches are decoded,
/// merged, priced and written into an empty store (SQLite metadata, DuckDB analytics, in a temporary directory),
/// <see cref="IngestionOptions.WorkerBatchRecords"/> records at a time as the worker takes them, with no HTTP
/// server competing for the cores. Reports events/s and where a batch's time goes as the tables grow.
/// </summary>
internal static class WorkerBenchmark
{
    private const string ProjectId = "bench-project";
    private const int Segments = 5;

    /// <param name="recordsPerBatch">Records the worker takes at once; the embedded server's default is <see cref="IngestionOptions.EmbeddedWorkerBatchRecords"/>.</param>
    public static async Task<string> RunAsync(int batches, int recordsPerBatch)
    {

        // The server runs workstation GC with background collections (see Sightline.Server.csproj), which is also
        // this process's default, so both use the same collector.
        var dataDir = Directory.CreateTempSubdirectory("sightline-worker-bench-").FullName;
        var loadBefore = MachineLoad.OneMinute();
        try
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSightlineCore(new AdminApiOptions(), new BootstrapOptions(), new MediaOptions());
            services.AddSqliteMetadata(Path.Combine(dataDir, "metadata.db"));
            var analyticsPath = Path.Combine(dataDir, "analytics.duckdb");
            services.AddDuckDbAnalytics(analyticsPath, new DuckDbOptions());
            await using var provider = services.BuildServiceProvider();
            foreach (var initializer in provider.GetServices<IStorageInitializer>())
            {
                await initializer.InitializeAsync(CancellationToken.None);
            }

            var writer = new TimedAnalyticsWriter(provider.GetRequiredService<IAnalyticsWriter>());
            var processor = ActivatorUtilities.CreateInstance<IngestionProcessor>(provider, writer);
            var generator = new WorkerRecords(ProjectId);
            var samples = new List<BatchSample>(batches);
            var peakRss = 0.0;
            using var self = Process.GetCurrentProcess();
            var gcBefore = (Gen0: GC.CollectionCount(0), Gen1: GC.CollectionCount(1), Gen2: GC.CollectionCount(2), Pause: GC.GetTotalPauseDuration(), Allocated: GC.GetTotalAllocatedBytes());
            for (var b = 0; b < batches; b++)
            {
                var raw = generator.Next(recordsPerBatch);
                writer.Reset();
                self.Refresh();
                var cpuBefore = self.TotalProcessorTime;
                var start = Stopwatch.GetTimestamp();
                // As the worker decodes (DecodedRecords): bodies stay views into the records' bytes until the batch is done.
                var documents = new List<JsonDocument>(raw.Count);
                var records = raw.Select(bytes =>
                {
                    var record = IngestionRecord.DecodeInPlace(bytes, out var document) ?? throw new InvalidOperationException("A generated record did not decode");
                    documents.Add(document!);
                    return record;
                }).ToList();
                var decoded = Stopwatch.GetElapsedTime(start);
                await processor.ProcessAsync(records, CancellationToken.None);
                documents.ForEach(d => d.Dispose());
                var elapsed = Stopwatch.GetElapsedTime(start);
                self.Refresh();
                samples.Add(new BatchSample(records.Sum(r => r.Events.Count), elapsed, self.TotalProcessorTime - cpuBefore, decoded, writer.Lookups, writer.Writes));
                peakRss = Math.Max(peakRss, ProcessMemory.ResidentMegabytes(Environment.ProcessId));
            }

            var gc = new GcFigures(
                GC.CollectionCount(0) - gcBefore.Gen0,
                GC.CollectionCount(1) - gcBefore.Gen1,
                GC.CollectionCount(2) - gcBefore.Gen2,
                GC.GetTotalPauseDuration() - gcBefore.Pause,
                GC.GetTotalAllocatedBytes() - gcBefore.Allocated);
            var stored = await StoredAsync(analyticsPath);
            var expected = (long)batches * recordsPerBatch * IngestBatch.ObservationsPerTrace;
            if (stored.Observations != expected)
            {
                throw new InvalidOperationException($"Expected {expected} observations in the store, found {stored.Observations}");
            }

            return Report(samples, batches, recordsPerBatch, peakRss, gc, stored, new FileInfo(analyticsPath).Length, loadBefore, MachineLoad.OneMinute());
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static string Report(List<BatchSample> samples, int batches, int recordsPerBatch, double peakRss, GcFigures gc, StoredState stored, long fileBytes, double loadBefore, double loadAfter)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var events = samples.Sum(s => s.Events);
        var total = TimeSpan.FromTicks(samples.Sum(s => s.Elapsed.Ticks));
        sb.AppendLine("## Ingestion worker alone");
        sb.AppendLine();
        sb.AppendLine(inv, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd} on {Environment.ProcessorCount} cores; one-minute load average {loadBefore:0.0} at the start and {loadAfter:0.0} at the end.");
        sb.AppendLine(inv, $"{batches} worker batches of {recordsPerBatch} event log records, each record one ingestion benchmark request of {IngestBatch.BatchSize} events (1 trace, {IngestBatch.ObservationsPerTrace} observations, 1 score), fresh ids, into an empty store; decode, merge, cost and write run in the benchmark process ({(GCSettings.IsServerGC ? "server" : "workstation")} GC), without HTTP.");
        sb.AppendLine();
        sb.AppendLine("| batches | rows in observations before | events/s | ms per batch (mean / max) | CPU ms per batch | decode ms | lookups ms | merge and cost ms | write ms |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
        var size = Math.Max(1, batches / Segments);
        for (var from = 0; from < samples.Count; from += size)
        {
            var part = samples.Skip(from).Take(size).ToList();
            var seconds = part.Sum(s => s.Elapsed.TotalSeconds);
            sb.AppendLine(inv, $"| {from + 1}–{from + part.Count} | {(long)from * recordsPerBatch * IngestBatch.ObservationsPerTrace} | {part.Sum(s => s.Events) / seconds:0} | {part.Average(s => s.Elapsed.TotalMilliseconds):0} / {part.Max(s => s.Elapsed.TotalMilliseconds):0} | {part.Average(s => s.Cpu.TotalMilliseconds):0} | {part.Average(s => s.Decode.TotalMilliseconds):0} | {part.Average(s => s.Lookups.TotalMilliseconds):0} | {part.Average(s => s.Merge.TotalMilliseconds):0} | {part.Average(s => s.Writes.TotalMilliseconds):0} |");
        }

        sb.AppendLine();
        sb.AppendLine(inv, $"Overall: {events} events in {total.TotalSeconds:0.0} s, **{events / total.TotalSeconds:0} events/s**, {events / samples.Sum(s => s.Cpu.TotalSeconds):0} events per CPU second; {stored.Observations} observation rows stored, DuckDB file {fileBytes / 1048576.0:0} MB.");
        sb.AppendLine(inv, $"Memory: peak RSS {peakRss:0} MB (benchmark process, generator included); at the end the managed heap was {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:0} MB and DuckDB's buffer manager held {stored.DuckDbMemoryBytes / 1048576.0:0} MB.");
        sb.AppendLine(inv, $"Garbage collection over the run (generator included): {gc.Allocated / 1048576.0 / batches:0} MB allocated per batch; {gc.Gen0} gen0, {gc.Gen1} gen1 and {gc.Gen2} gen2 collections; {gc.Pause.TotalSeconds:0.0} s paused ({gc.Pause / total * 100:0} % of the time).");
        sb.AppendLine();
        sb.AppendLine(inv, $"Command: `bench/run.sh worker {batches} {recordsPerBatch}`.");
        return sb.ToString();
    }

    private static async Task<StoredState> StoredAsync(string path)
    {
        // DuckDB.NET hands this connection the store's open database instance, so it sees its rows and memory.
        await using var connection = new DuckDBConnection($"Data Source={path}");
        await connection.OpenAsync();
        return new StoredState(
            await ScalarAsync(connection, "SELECT count(*) FROM observations"),
            await ScalarAsync(connection, "SELECT CAST(coalesce(sum(memory_usage_bytes), 0) AS BIGINT) FROM duckdb_memory()"));
    }

    private static async Task<long> ScalarAsync(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <param name="Cpu">CPU time of the whole process meanwhile (DuckDB's threads and the GC included).</param>
    private sealed record BatchSample(int Events, TimeSpan Elapsed, TimeSpan Cpu, TimeSpan Decode, TimeSpan Lookups, TimeSpan Writes)
    {
        /// <summary>What the processor spends outside the store: grouping, merging and pricing.</summary>
        public TimeSpan Merge => Elapsed - Decode - Lookups - Writes;
    }

    /// <param name="Gen1">Collections of generation 1 and above (a gen2 collection counts in all three).</param>
    private sealed record GcFigures(int Gen0, int Gen1, int Gen2, TimeSpan Pause, long Allocated);

    private sealed record StoredState(long Observations, long DuckDbMemoryBytes);
}
