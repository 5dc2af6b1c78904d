using System.Globalization;
using System.Text;

namespace Sightline.Bench;

/// <summary>
/// The ingestion benchmark on the scale profile: the test command's engines started for the run
/// (<see cref="ScaleEngines"/>), one <c>--role web</c> and one <c>--role worker</c> process under the same closed-loop
/// load as <see cref="IngestBenchmark"/>, and in the same run two references: the raw baseline
/// (<see cref="RawClickHouseInsert"/>: the same rows straight into the same ClickHouse endpoint) and the embedded
/// profile's single process under the same load. Loopback only.
/// </summary>
internal static class ScaleIngestBenchmark
{
    public static async Task<string> RunAsync(string root, int seconds, int clients)
    {
        var (server, _) = BenchBinaries.Find(root);
        var duration = TimeSpan.FromSeconds(seconds);
        var batch = new IngestBatch();
        var loadBefore = MachineLoad.OneMinute();
        RawInsertResult raw;
        IngestResult unpolled;
        IngestResult scale;
        await using (var engines = await ScaleEngines.StartAsync(root))
        {
            var environment = await ScaleProfile.PrepareAsync(engines);
            Console.Error.WriteLine("Raw baseline: the worker's rows straight into ClickHouse...");
            raw = await RawClickHouseInsert.MeasureAsync(engines.ClickHouse, engines.ClickHousePid, duration, clients);
            // Each deployment gets a ClickHouse database and a queue of its own, so the second starts without the
            // first one's backlog.
            Console.Error.WriteLine("Sightline, one web and one worker process, without queryable polling...");
            unpolled = await MeasureSplitAsync(server, Deployment(environment, "throughput"), engines.ClickHousePid, batch, duration, clients, pollQueryable: false);
            Console.Error.WriteLine("Sightline, one web and one worker process...");
            scale = await MeasureSplitAsync(server, Deployment(environment, "queryable"), engines.ClickHousePid, batch, duration, clients, pollQueryable: true);
        }

        Console.Error.WriteLine("Sightline, embedded profile...");
        var embedded = await IngestBenchmark.MeasureAsync(server, batch, duration, clients, isSightline: true);
        return Report(scale, unpolled, raw, embedded, seconds, clients, loadBefore, MachineLoad.OneMinute());
    }

    private static Dictionary<string, string> Deployment(Dictionary<string, string> environment, string name) =>
        new(environment, StringComparer.Ordinal)
        {
            ["CLICKHOUSE_DB"] = $"{ScaleProfile.ClickHouseDatabase}_{name}",
            ["SIGHTLINE_REDIS_KEY_PREFIX"] = $"bench-{name}:",
        };

    /// <summary>Peak RSS in the result: web, worker, ClickHouse front.</summary>
    private static async Task<IngestResult> MeasureSplitAsync(
        string server, Dictionary<string, string> environment, int frontPid, IngestBatch batch, TimeSpan duration, int clients, bool pollQueryable)
    {
        var webDir = Directory.CreateTempSubdirectory("sightline-bench-web-").FullName;
        var workerDir = Directory.CreateTempSubdirectory("sightline-bench-worker-").FullName;
        try
        {
            // The web node starts first and applies the migrations; the worker then finds them done.
            await using var web = ServerProcess.Start(server, webDir, environment, "--role", "web");
            await web.WaitHealthyAsync(TimeSpan.FromMilliseconds(20));
            await using var worker = ServerProcess.Start(server, workerDir, environment, "--role", "worker");
            await worker.WaitHealthyAsync(TimeSpan.FromMilliseconds(20));
            return await IngestPhase.MeasureAsync(web.BaseAddress, [web.Pid, worker.Pid, frontPid], batch, duration, clients, isSightline: true, BenchProject.Authorization(), pollQueryable);
        }
        finally
        {
            Directory.Delete(webDir, recursive: true);
            Directory.Delete(workerDir, recursive: true);
        }
    }

    private static string Report(IngestResult s, IngestResult u, RawInsertResult raw, IngestResult e, int seconds, int clients, double loadBefore, double loadAfter)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var ratio = s.EventsPerSecond / raw.RowsPerSecond;
        var cores = Environment.ProcessorCount;
        sb.AppendLine("## Ingestion throughput, scale profile");
        sb.AppendLine();
        sb.AppendLine(inv, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd} on {cores} cores (load generator and engines on the same machine), {seconds} s per phase after a {IngestPhase.WarmUp.TotalSeconds:0} s warm-up, {clients} concurrent clients over loopback: the requests of the embedded run above ({IngestBatch.BatchSize} events per `POST /api/public/ingestion`, one trace, {IngestBatch.ObservationsPerTrace} observations and one score each).");
        sb.AppendLine(inv, $"One-minute load average {loadBefore:0.0} at the start and {loadAfter:0.0} at the end{(Math.Max(loadBefore, loadAfter) > cores ? $", above the {cores} cores: the machine was shared with other work, so only the figures of this run compare with each other" : string.Empty)}.");
        sb.AppendLine("The engines are the test command's, started by the benchmark (`eng/test-*.sh`) and stopped after it: PostgreSQL from Debian's packages, Redis with `appendfsync always`, s3rver for the event bucket, and for ClickHouse the test front of `tests/clickhouse-front` (chDB inside one Node process, one query at a time), not a ClickHouse server.");
        sb.AppendLine("Order: the raw baseline; Sightline on the scale profile (one `--role web` and one `--role worker` process, the load sent to the web process) first without and then with the ingest→queryable polling, each on a ClickHouse database and Redis queue of its own; then the embedded profile's single process on the same load for reference.");
        sb.AppendLine(inv, $"The polling (for {IngestPhase.QueryableSamples} sampled batches, `GET /api/public/traces/{{id}}` every 20 ms until complete) is part of the load in the rows that report it: on this ClickHouse front every such read waits in the same queue as the worker's lookups and inserts, so the row without it is the throughput figure and the row with it the latency figure.");
        sb.AppendLine();
        sb.AppendLine("| run | events/s | request p50 (ms) | request p99 (ms) | requests | failed (of them 503) | ingest→queryable p50 / p95 (ms) | peak RSS (MB) |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        sb.AppendLine(inv, $"| scale profile, web + worker | {s.EventsPerSecond:0} | {s.P50:0.0} | {s.P99:0.0} | {s.Requests} | {s.FailedRequests} ({s.RefusedRequests}) | {Queryable(s)} | web {s.PeakRssMegabytes[0]:0}, worker {s.PeakRssMegabytes[1]:0}, ClickHouse front {s.PeakRssMegabytes[2]:0} |");
        sb.AppendLine(inv, $"| scale profile, web + worker, no queryable polling | {u.EventsPerSecond:0} | {u.P50:0.0} | {u.P99:0.0} | {u.Requests} | {u.FailedRequests} ({u.RefusedRequests}) | not polled | web {u.PeakRssMegabytes[0]:0}, worker {u.PeakRssMegabytes[1]:0}, ClickHouse front {u.PeakRssMegabytes[2]:0} |");
        sb.AppendLine(inv, $"| embedded profile, one process | {e.EventsPerSecond:0} | {e.P50:0.0} | {e.P99:0.0} | {e.Requests} | {e.FailedRequests} ({e.RefusedRequests}) | {Queryable(e)} | {e.PeakRssMegabytes[0]:0} |");
        sb.AppendLine();
        sb.AppendLine("| raw baseline | rows/s | write p50 (ms) | write p99 (ms) | writes | failed writes | peak RSS ClickHouse front (MB) |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        sb.AppendLine(inv, $"| {clients} loops × {raw.RowsPerWrite} rows per write | {raw.RowsPerSecond:0} | {raw.P50:0.0} | {raw.P99:0.0} | {raw.Writes} | {raw.FailedWrites} | {raw.FrontPeakRssMegabytes:0} |");
        sb.AppendLine();
        sb.AppendLine(inv, $"**Sightline ÷ raw: {s.EventsPerSecond:0} events/s ÷ {raw.RowsPerSecond:0} rows/s = {ratio:0.00} ({ratio * 100:0} %); without the queryable polling {u.EventsPerSecond:0} ÷ {raw.RowsPerSecond:0} = {u.EventsPerSecond / raw.RowsPerSecond:0.00} ({u.EventsPerSecond / raw.RowsPerSecond * 100:0} %).** Every event of this load becomes one row (trace-create a trace row, span- and generation-create an observation row, score-create a score row), so events/s and rows/s count the same thing.");
        if (raw.FirstError is not null)
        {
            sb.AppendLine(inv, $"Raw writes failed {raw.FailedWrites} times in the measured phase; the first error: {raw.FirstError}");
        }

        sb.AppendLine();
        sb.AppendLine(inv, $"What the raw baseline includes: the rows Sightline's worker writes for these requests, made by the worker's own merge (`IngestionProcessor`, model prices applied) from the events as the API logs them, copied with fresh ids for every request; written through the scale profile's ClickHouse writer itself (its row formatting, one `INSERT … FORMAT JSONEachRow` per table over HTTP), {raw.RequestsPerWrite} requests' rows per write ({raw.RowsPerWrite} rows, the worker's largest write, `WorkerBatchRecords`) from {clients} concurrent loops in the benchmark process; the copying of rows happens in the loops and counts against it. After the run ClickHouse held {raw.ObservationsStored} observation rows, {(raw.ObservationsStored == raw.ObservationsExpected ? "exactly the number written" : $"against {raw.ObservationsExpected} written")}.");
        sb.AppendLine("What it leaves out, and Sightline pays: the HTTP API (parsing, authentication, validation of every event), the durable event log (each accepted batch written to S3 before the 207) and the Redis stream, the worker's reading and decoding of the log, its lookups of stored rows in ClickHouse before merging, the merge itself for every request (the baseline merges once and copies), the merge locks in Redis, and, in the polled row, the reads of the ingest→queryable polling. Sightline's worker writes one batch at a time, however many loops the raw baseline runs.");
        sb.AppendLine("The ClickHouse front runs one query at a time, so concurrent writes queue in front of the engine in both runs; a ClickHouse server would take inserts in parallel, and the raw figure is the ceiling of this front, not of ClickHouse.");
        sb.AppendLine();
        sb.AppendLine(inv, $"Command: `bench/run.sh ingest-scale {seconds} {clients}` (defaults 20 s, 8 clients; builds Release, starts the engines in a temporary directory, then `dotnet artifacts/bin/…/Sightline.Server.dll --role web` and `--role worker`; stops everything at the end, on failure too).");
        return sb.ToString();
    }

    private static string Queryable(IngestResult r)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Percentiles.Of(r.Queryable, 0.50):0} / {Percentiles.Of(r.Queryable, 0.95):0}");
        return r.Queryable.Count == r.QueryableSampled
            ? text
            : string.Create(CultureInfo.InvariantCulture, $"{text} ({r.QueryableSampled - r.Queryable.Count} of {r.QueryableSampled} not within {ClosedLoopIngest.QueryableTimeout.TotalSeconds:0} s)");
    }
}
