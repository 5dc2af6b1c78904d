using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Sightline.Bench;

/// <summary>
/// Read API latency on a large embedded store: <see cref="ReadsStore"/> data at a tenth of the size and at the full
/// size, each read by the Release server through the public HTTP API with a project key, one request at a time.
/// Every query runs <see cref="Rounds"/> times with a different user, session, tag, day or trace each time, the
/// queries interleaved round by round so drift in machine load hits all alike; <c>GET /api/public/health</c> in the
/// same rounds is the baseline. Reports p50/p95, the ratio to the baseline, the growth from the small to the large
/// store and the server's resident memory.
/// </summary>
internal static class ReadsBenchmark
{
    private const int Rounds = 40;
    private const int WarmupRounds = 2;

    private static readonly Query[] Queries =
    [
        new("health (baseline)", "—", 0, (_, _) => "/api/public/health", Kind.Other),
        new("trace list, first page", "≤ 300 ms", 300, (_, _) => "/api/public/traces?page=1&limit=50", Kind.List),
        new("… by userId", "≤ 300 ms", 300, (m, i) => "/api/public/traces?limit=50&userId=" + Uri.EscapeDataString(m.UserIds[(i * 13) % m.UserIds.Count]), Kind.List),
        new("… by sessionId", "≤ 300 ms", 300, (m, i) => "/api/public/traces?limit=50&sessionId=" + Uri.EscapeDataString(m.SessionIds[i % m.SessionIds.Count]), Kind.List),
        new("… by tag", "≤ 300 ms", 300, (_, i) => "/api/public/traces?limit=50&tags=" + ReadsData.Tags[i % ReadsData.Tags.Length], Kind.List),
        new("… by time range (one day)", "≤ 300 ms", 300, (m, i) =>
        {
            var from = m.End.AddDays(-1 - (i % 30)).AddHours(i % 24);
            return $"/api/public/traces?limit=50&fromTimestamp={Iso(from)}&toTimestamp={Iso(from.AddDays(1))}";
        }, Kind.List),
        new("trace get", "≤ 50 ms", 50, (m, i) => "/api/public/traces/" + m.TraceIds[(i * 7) % m.TraceIds.Count], Kind.Get),
        new("metrics daily, 30 days", "≤ 1000 ms", 1000, (m, i) =>
        {
            var to = m.End.AddHours(-i);
            return $"/api/public/metrics/daily?limit=50&fromTimestamp={Iso(to.AddDays(-30))}&toTimestamp={Iso(to)}";
        }, Kind.List),
    ];

    public static async Task<string> RunAsync(string root, int traces)
    {
        var (server, _) = BenchBinaries.Find(root);
        var small = await ReadsStore.EnsureAsync(root, Math.Max(1000, traces / 10));
        var large = await ReadsStore.EnsureAsync(root, traces);
        var loadBefore = MachineLoad.OneMinute();
        var smallRun = await MeasureAsync(server, small);
        var largeRun = await MeasureAsync(server, large);
        return Report(small, large, smallRun, largeRun, loadBefore, MachineLoad.OneMinute());
    }

    private static async Task<Run> MeasureAsync(string server, ReadsManifest data)
    {
        await using var process = ServerProcess.Start(server, data.Directory, BenchProject.Environment());
        await process.WaitHealthyAsync(TimeSpan.FromMilliseconds(20));
        var startRss = ProcessMemory.ResidentMegabytes(process.Pid);
        using var client = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = BenchProject.Authorization();
        var samples = Queries.ToDictionary(q => q.Name, _ => new List<double>(Rounds));
        using var rss = RssSampler.Start(process.Pid);
        for (var round = -WarmupRounds; round < Rounds; round++)
        {
            foreach (var query in Queries)
            {
                var path = query.Path(data, round + WarmupRounds);
                var start = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                var body = await response.Content.ReadAsByteArrayAsync();
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
                }

                var found = Found(query.Kind, body);
                if (query.Kind != Kind.Other && found == 0)
                {
                    throw new InvalidOperationException($"{path} found nothing: the benchmark would measure an empty answer");
                }

                if (round >= 0)
                {
                    samples[query.Name].Add(elapsed);
                }
            }
        }

        var peak = await rss.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        return new Run(samples, startRss, peak, ProcessMemory.ResidentMegabytes(process.Pid));
    }

    /// <summary>Rows on a list page, 1 for a trace with its observations; what makes an answer non-empty.</summary>
    private static long Found(Kind kind, byte[] body)
    {
        if (kind == Kind.Other)
        {
            return 0;
        }

        using var document = JsonDocument.Parse(body);
        return kind == Kind.Get
            ? document.RootElement.GetProperty("observations").GetArrayLength()
            : document.RootElement.GetProperty("data").GetArrayLength();
    }

    private static string Report(ReadsManifest small, ReadsManifest large, Run smallRun, Run largeRun, double loadBefore, double loadAfter)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("## Read API on a large store");
        sb.AppendLine();
        sb.AppendLine(inv, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd} on {Environment.ProcessorCount} cores; one-minute load average {loadBefore:0.0} at the start and {loadAfter:0.0} at the end.");
        sb.AppendLine(inv, $"Data: {ReadsData.Days} days of traces of {ReadsData.TraceNames.Length} names from {ReadsData.Users:N0} users in sessions of 1–8 traces, 1–3 of {ReadsData.Tags.Length} tags each, {ReadsData.ObservationsPerTrace} observations per trace (3 generations and an embedding on 6 models, with usage and cost) and {ReadsData.ScoresPerTrace} scores; inputs and outputs of 0.1–3 KB of JSON. Written by the embedded profile's analytics writer (DuckDB) in batches of {ReadsStore.TracesPerBatch:N0} traces in time order, as ingestion would, with two DuckDB threads and a 2 GiB memory limit while generating; the server reads with its defaults.");
        sb.AppendLine(inv, $"Stores: {small.Traces:N0} traces / {(long)small.Traces * ReadsData.ObservationsPerTrace:N0} observations ({small.AnalyticsBytes / 1048576.0:N0} MB file, generated in {small.GeneratedSeconds:0} s) and {large.Traces:N0} traces / {(long)large.Traces * ReadsData.ObservationsPerTrace:N0} observations ({large.AnalyticsBytes / 1048576.0:N0} MB, {large.GeneratedSeconds:0} s).");
        sb.AppendLine(inv, $"The Release server reads each through `GET` requests with a project key, one at a time, {Rounds} rounds after {WarmupRounds} warm-up rounds; each round varies the user, session, tag, day, trace and 30-day window. `GET /api/public/health` in the same rounds is the baseline. Lists ask for 50 rows.");
        sb.AppendLine();
        sb.AppendLine(inv, $"| query | {Short(small.Traces)}: p50 / p95 (ms) | {Short(large.Traces)}: p50 / p95 (ms) | {Short(large.Traces)} p95 × health | growth of p95 {Short(small.Traces)} → {Short(large.Traces)} | goal (p95) | met at {Short(large.Traces)} |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        var health = P(largeRun.Samples[Queries[0].Name], 0.95);
        foreach (var query in Queries)
        {
            var s = smallRun.Samples[query.Name];
            var l = largeRun.Samples[query.Name];
            var met = query.GoalMs == 0 ? "—" : P(l, 0.95) <= query.GoalMs ? "yes" : "**no**";
            sb.AppendLine(inv, $"| {query.Name} | {P(s, 0.5):0.0} / {P(s, 0.95):0.0} | {P(l, 0.5):0.0} / {P(l, 0.95):0.0} | {P(l, 0.95) / health:0} | {P(l, 0.95) / P(s, 0.95):0.0}× | {query.Goal} | {met} |");
        }

        sb.AppendLine();
        var rssMet = largeRun.PeakRss <= 400 ? "met" : "**not met**";
        sb.AppendLine(inv, $"Server RSS ({Short(small.Traces)} / {Short(large.Traces)}): {smallRun.StartRss:0} / {largeRun.StartRss:0} MB once healthy, peak {smallRun.PeakRss:0} / {largeRun.PeakRss:0} MB while reading, {smallRun.EndRss:0} / {largeRun.EndRss:0} MB 2 s after the last read. Goal: ≤ 400 MB, {rssMet} at {Short(large.Traces)}.");
        sb.AppendLine();
        sb.AppendLine(inv, $"Command: `bench/run.sh reads {large.Traces}` (generates the data once under `bench/.data/`, then reuses it).");
        return sb.ToString();
    }

    private static double P(List<double> samples, double p) => Percentiles.Of(samples, p);

    private static string Short(int traces) => traces >= 1_000_000 && traces % 1_000_000 == 0
        ? (traces / 1_000_000).ToString(CultureInfo.InvariantCulture) + "M"
        : (traces / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + "k";

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private enum Kind
    {
        Other,
        List,
        Get,
    }

    private sealed record Query(string Name, string Goal, double GoalMs, Func<ReadsManifest, int, string> Path, Kind Kind);

    private sealed record Run(Dictionary<string, List<double>> Samples, double StartRss, double PeakRss, double EndRss);
}
