using System.Globalization;
using System.Text;

namespace Sightline.Bench;

/// <summary>
/// Sustained <c>POST /api/public/ingestion</c> throughput, request latency and peak resident memory for Sightline
/// and for the floor app (which only parses the batch) under the same client load, plus the delay from a batch's
/// 207 until <c>GET /api/public/traces/{id}</c> returns the trace with all its observations. Loopback only.
/// </summary>
internal static class IngestBenchmark
{
    public static async Task<string> RunAsync(string root, int seconds, int clients)
    {
        var (server, floor) = BenchBinaries.Find(root);
        var duration = TimeSpan.FromSeconds(seconds);
        var batch = new IngestBatch();
        var baseline = await MeasureAsync(floor, batch, duration, clients, isSightline: false);
        var sightline = await MeasureAsync(server, batch, duration, clients, isSightline: true);
        return Report(sightline, baseline, seconds, clients, batch.Bytes);
    }

    private static string Report(IngestResult s, IngestResult f, int seconds, int clients, int batchBytes)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var ratio = s.EventsPerSecond / f.EventsPerSecond;
        var q50 = Percentiles.Of(s.Queryable, 0.50);
        var q95 = Percentiles.Of(s.Queryable, 0.95);
        var peakGoal = s.PeakRssMegabytes[0] <= 400;
        sb.AppendLine("## Ingestion throughput");
        sb.AppendLine();
        sb.AppendLine(inv, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd} on {Environment.ProcessorCount} cores (load generator on the same machine), {seconds} s per process after a {IngestPhase.WarmUp.TotalSeconds:0} s warm-up, {clients} concurrent clients over loopback.");
        sb.AppendLine(inv, $"Each request is one `POST /api/public/ingestion` batch of {IngestBatch.BatchSize} events ({batchBytes / 1024.0:0} KB, about 1 KB each): 1 trace-create, {IngestBatch.SpansPerBatch} span-create, 1 generation-create (model gpt-4o, with usage) and 1 score-create, fresh ids per batch, Basic auth.");
        sb.AppendLine("Events/s counts the successes in the 207 responses (the floor lists none, so for it every event of a 207 counts). Peak RSS: highest `VmRSS` sampled every 250 ms.");
        sb.AppendLine("The floor (`bench/Sightline.Bench.Floor`) reads the body, parses it with `JsonDocument`, walks the batch and answers 207: the cost of parsing alone, without auth, validation or storage. It ran first, then Sightline, on the same load.");
        sb.AppendLine();
        sb.AppendLine("| process | events/s | request p50 (ms) | request p99 (ms) | requests | failed requests | peak RSS (MB) |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        Row(sb, "Sightline", s);
        Row(sb, "floor", f);
        sb.AppendLine();
        sb.AppendLine("| measure | result | goal | met |");
        sb.AppendLine("|---|---|---|---|");
        sb.AppendLine(inv, $"| sustained events/s | {s.EventsPerSecond:0} | ≥ 20,000 | {Met(s.EventsPerSecond >= 20_000)} |");
        sb.AppendLine(inv, $"| Sightline ÷ floor events/s | {ratio:0.00} ({ratio * 100:0} %) | ≥ 50 % | {Met(ratio >= 0.5)} |");
        sb.AppendLine(inv, $"| ingest→queryable p50 / p95 (ms) | {q50:0} / {q95:0} ({s.Queryable.Count} of {s.QueryableSampled} sampled traces complete{(s.QueryableSampled > s.Queryable.Count ? $", {s.QueryableSampled - s.Queryable.Count} not within {ClosedLoopIngest.QueryableTimeout.TotalSeconds:0} s" : string.Empty)}) | p95 ≤ 1000 ms | {Met(s.Queryable.Count == s.QueryableSampled && q95 <= 1000)} |");
        sb.AppendLine(inv, $"| peak RSS (MB) | {s.PeakRssMegabytes[0]:0} | ≤ 400 | {Met(peakGoal)} |");
        sb.AppendLine(inv, $"| request p50 / p99 × floor | {s.P50 / f.P50:0.0} / {s.P99 / f.P99:0.0} | — | — |");
        sb.AppendLine();
        sb.AppendLine(inv, $"Ingest→queryable: for {IngestPhase.QueryableSamples} batches spread over the run, the time from the 207 until `GET /api/public/traces/{{id}}` (polled every 20 ms) answers 200 with all {IngestBatch.ObservationsPerTrace} observations.");
        sb.AppendLine("The 207 is sent once a batch is appended to the event log; the worker makes it queryable later, so a queryable delay far above the request latency means the worker falls behind the accepted rate.");
        var shortfalls = new List<string>();
        if (s.EventsPerSecond < 20_000)
        {
            shortfalls.Add(string.Create(inv, $"throughput is {s.EventsPerSecond:0} events/s, below 20,000"));
        }

        if (ratio < 0.5)
        {
            shortfalls.Add(string.Create(inv, $"Sightline reaches {ratio * 100:0} % of the parse floor, below 50 %"));
        }

        if (s.Queryable.Count < s.QueryableSampled || q95 > 1000)
        {
            shortfalls.Add(string.Create(inv, $"ingest→queryable p95 is {q95:0} ms, above 1 s"));
        }

        if (!peakGoal)
        {
            shortfalls.Add(string.Create(inv, $"peak RSS is {s.PeakRssMegabytes[0]:0} MB, above 400 MB"));
        }

        sb.AppendLine();
        sb.AppendLine(shortfalls.Count == 0 ? "All four goals are met in this run." : $"Short of the goals in this run: {string.Join("; ", shortfalls)}.");
        sb.AppendLine("With the load generator on the same cores, both processes compete with the clients for CPU; the ratio is the figure to compare across machines.");
        sb.AppendLine();
        sb.AppendLine(inv, $"Command: `bench/run.sh ingest {seconds} {clients}` (defaults 20 s, 8 clients; builds Release, then runs `dotnet artifacts/bin/…/Sightline.Server.dll` on a free loopback port with a temporary `SIGHTLINE_DATA_DIR`).");
        return sb.ToString();
    }

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static void Row(StringBuilder sb, string name, IngestResult r) =>
        sb.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {r.EventsPerSecond:0} | {r.P50:0.0} | {r.P99:0.0} | {r.Requests} | {r.FailedRequests} | {r.PeakRssMegabytes[0]:0} |");

    /// <summary>One server process (Sightline in the embedded profile, or the floor) under the load, on a temporary data directory.</summary>
    internal static async Task<IngestResult> MeasureAsync(string dll, IngestBatch batch, TimeSpan duration, int clients, bool isSightline)
    {
        var dataDir = Directory.CreateTempSubdirectory("sightline-bench-").FullName;
        try
        {
            await using var process = ServerProcess.Start(dll, dataDir, BenchProject.Environment());
            await process.WaitHealthyAsync(TimeSpan.FromMilliseconds(20));
            return await IngestPhase.MeasureAsync(process.BaseAddress, [process.Pid], batch, duration, clients, isSightline, BenchProject.Authorization());
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
