using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Sightline.Bench;

/// <summary>
/// Sustained <c>POST /api/public/ingestion</c> throughput, request latency and peak resident memory for Sightline
/// and for the floor app (which only parses the batch) under the same client load, plus the delay from a batch's
/// 207 until <c>GET /api/public/traces/{id}</c> returns the trace with all its observations. Loopback only.
/// </summary>
internal static class IngestBenchmark
{
    private const int BatchSize = 100;
    private const int SpansPerBatch = BatchSize - 3;
    private const int ObservationsPerTrace = SpansPerBatch + 1;
    private const int QueryableSamples = 50;
    private const string OrgId = "bench-org";
    private const string ProjectId = "bench-project";
    private const string PublicKey = "pk-lf-bench";
    private const string SecretKey = "sk-lf-bench";
    private const string Placeholder = "BATCHIDBATCHIDBATCHIDBATCHIDBATC";
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan QueryableTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RssInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<string> RunAsync(string root, int seconds, int clients)
    {
        var server = Path.Combine(root, "artifacts", "bin", "Sightline.Server", "release", "Sightline.Server.dll");
        var floor = Path.Combine(root, "artifacts", "bin", "Sightline.Bench.Floor", "release", "Sightline.Bench.Floor.dll");
        foreach (var dll in new[] { server, floor })
        {
            if (!File.Exists(dll))
            {
                throw new FileNotFoundException("Build first: dotnet build Sightline.slnx -c Release", dll);
            }
        }

        var duration = TimeSpan.FromSeconds(seconds);
        var template = BuildTemplate();
        var baseline = await MeasureAsync(floor, template, duration, clients, isSightline: false);
        var sightline = await MeasureAsync(server, template, duration, clients, isSightline: true);
        return Report(sightline, baseline, seconds, clients, Encoding.UTF8.GetByteCount(template.Replace(Placeholder, Guid.NewGuid().ToString("N"), StringComparison.Ordinal)));
    }

    private static string Report(Result s, Result f, int seconds, int clients, int batchBytes)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var ratio = s.EventsPerSecond / f.EventsPerSecond;
        var q50 = Percentile(s.Queryable, 0.50);
        var q95 = Percentile(s.Queryable, 0.95);
        var peakGoal = s.PeakRssMegabytes <= 400;
        sb.AppendLine("## Ingestion throughput");
        sb.AppendLine();
        sb.AppendLine(inv, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd} on {Environment.ProcessorCount} cores (load generator on the same machine), {seconds} s per process after a {WarmUp.TotalSeconds:0} s warm-up, {clients} concurrent clients over loopback.");
        sb.AppendLine(inv, $"Each request is one `POST /api/public/ingestion` batch of {BatchSize} events ({batchBytes / 1024.0:0} KB, about 1 KB each): 1 trace-create, {SpansPerBatch} span-create, 1 generation-create (model gpt-4o, with usage) and 1 score-create, fresh ids per batch, Basic auth.");
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
        sb.AppendLine(inv, $"| ingest→queryable p50 / p95 (ms) | {q50:0} / {q95:0} ({s.Queryable.Count} of {s.QueryableSampled} sampled traces complete{(s.QueryableSampled > s.Queryable.Count ? $", {s.QueryableSampled - s.Queryable.Count} not within {QueryableTimeout.TotalSeconds:0} s" : string.Empty)}) | p95 ≤ 1000 ms | {Met(s.Queryable.Count == s.QueryableSampled && q95 <= 1000)} |");
        sb.AppendLine(inv, $"| peak RSS (MB) | {s.PeakRssMegabytes:0} | ≤ 400 | {Met(peakGoal)} |");
        sb.AppendLine(inv, $"| request p50 / p99 × floor | {s.P50 / f.P50:0.0} / {s.P99 / f.P99:0.0} | — | — |");
        sb.AppendLine();
        sb.AppendLine(inv, $"Ingest→queryable: for {QueryableSamples} batches spread over the run, the time from the 207 until `GET /api/public/traces/{{id}}` (polled every 20 ms) answers 200 with all {ObservationsPerTrace} observations.");
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
            shortfalls.Add(string.Create(inv, $"peak RSS is {s.PeakRssMegabytes:0} MB, above 400 MB"));
        }

        sb.AppendLine();
        sb.AppendLine(shortfalls.Count == 0 ? "All four goals are met in this run." : $"Short of the goals in this run: {string.Join("; ", shortfalls)}.");
        sb.AppendLine("With the load generator on the same cores, both processes compete with the clients for CPU; the ratio is the figure to compare across machines.");
        sb.AppendLine();
        sb.AppendLine(inv, $"Command: `bench/run.sh ingest {seconds} {clients}` (defaults 20 s, 8 clients; builds Release, then runs `dotnet artifacts/bin/…/Sightline.Server.dll` on a free loopback port with a temporary `SIGHTLINE_DATA_DIR`).");
        return sb.ToString();
    }

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static void Row(StringBuilder sb, string name, Result r) =>
        sb.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {r.EventsPerSecond:0} | {r.P50:0.0} | {r.P99:0.0} | {r.Requests} | {r.FailedRequests} | {r.PeakRssMegabytes:0} |");

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    private static async Task<Result> MeasureAsync(string dll, string template, TimeSpan duration, int clients, bool isSightline)
    {
        var dataDir = Directory.CreateTempSubdirectory("sightline-bench-").FullName;
        var port = StartupBenchmark.FreePort();
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDir,
        };
        info.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["SIGHTLINE_DATA_DIR"] = dataDir;
        info.Environment["LANGFUSE_INIT_ORG_ID"] = OrgId;
        info.Environment["LANGFUSE_INIT_PROJECT_ID"] = ProjectId;
        info.Environment["LANGFUSE_INIT_PROJECT_PUBLIC_KEY"] = PublicKey;
        info.Environment["LANGFUSE_INIT_PROJECT_SECRET_KEY"] = SecretKey;
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients + 8, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{PublicKey}:{SecretKey}")));
        try
        {
            await WaitHealthyAsync(http, process, dll);
            using var stopRss = new CancellationTokenSource();
            var rss = SamplePeakRssAsync(process.Id, stopRss.Token);

            var load = new LoadRun(http, template, clients, isSightline, duration);
            await load.RunAsync(WarmUp, measure: false);
            var measured = await load.RunAsync(duration, measure: true);
            var queryable = await Task.WhenAll(load.Pollers);
            await stopRss.CancelAsync();
            var peak = await rss;

            var latencies = measured.Latencies;
            return new Result(
                measured.Events / measured.Elapsed.TotalSeconds,
                Percentile(latencies, 0.50),
                Percentile(latencies, 0.99),
                latencies.Count,
                measured.Failed,
                peak,
                [.. queryable.Where(q => q is not null).Select(q => q!.Value)],
                queryable.Length);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task WaitHealthyAsync(HttpClient http, Process process, string dll)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"{Path.GetFileName(dll)} did not become healthy");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/api/public/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(20);
        }
    }

    private static async Task<double> SamplePeakRssAsync(int pid, CancellationToken ct)
    {
        var peak = 0.0;
        using var timer = new PeriodicTimer(RssInterval);
        try
        {
            do
            {
                peak = Math.Max(peak, StartupBenchmark.ResidentMegabytes(pid));
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException)
        {
        }

        return Math.Max(peak, StartupBenchmark.ResidentMegabytes(pid));
    }

    /// <summary>
    /// One batch as text, with <see cref="Placeholder"/> where the per-batch id goes. Bodies are padded so each
    /// event is about 1 KB.
    /// </summary>
    private static string BuildTemplate()
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        string Time(int ms) => now.AddMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var text = new string('x', 300);
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("batch");
            Event(w, "trace-create", "t", Time(0), b =>
            {
                b.WriteString("id", Placeholder);
                b.WriteString("name", "bench-trace");
                b.WriteString("userId", "user-1");
                b.WriteString("sessionId", "session-1");
                b.WriteString("input", "question " + text);
                b.WriteString("output", "answer " + text);
                b.WriteStartArray("tags");
                b.WriteStringValue("bench");
                b.WriteEndArray();
                b.WriteStartObject("metadata");
                b.WriteString("source", "bench");
                b.WriteEndObject();
            });
            for (var i = 0; i < SpansPerBatch; i++)
            {
                var index = i;
                Event(w, "span-create", $"s{index}", Time(index), b =>
                {
                    b.WriteString("id", $"{Placeholder}-s{index}");
                    b.WriteString("traceId", Placeholder);
                    b.WriteString("name", "step-" + index.ToString(CultureInfo.InvariantCulture));
                    b.WriteString("startTime", Time(index));
                    b.WriteString("endTime", Time(index + 5));
                    b.WriteString("input", "span input " + text);
                    b.WriteString("output", "span output " + text);
                    b.WriteStartObject("metadata");
                    b.WriteNumber("step", index);
                    b.WriteEndObject();
                });
            }

            Event(w, "generation-create", "g", Time(100), b =>
            {
                b.WriteString("id", $"{Placeholder}-g");
                b.WriteString("traceId", Placeholder);
                b.WriteString("name", "llm-call");
                b.WriteString("startTime", Time(100));
                b.WriteString("endTime", Time(900));
                b.WriteString("model", "gpt-4o");
                b.WriteStartObject("modelParameters");
                b.WriteNumber("temperature", 0.2);
                b.WriteEndObject();
                b.WriteString("input", "prompt " + text);
                b.WriteString("output", "completion " + text);
                b.WriteStartObject("usage");
                b.WriteNumber("input", 1200);
                b.WriteNumber("output", 300);
                b.WriteNumber("total", 1500);
                b.WriteString("unit", "TOKENS");
                b.WriteEndObject();
            });
            Event(w, "score-create", "c", Time(1000), b =>
            {
                b.WriteString("id", $"{Placeholder}-c");
                b.WriteString("traceId", Placeholder);
                b.WriteString("name", "quality");
                b.WriteNumber("value", 0.9);
                b.WriteString("dataType", "NUMERIC");
                b.WriteString("comment", "scored " + text);
            });
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());

        static void Event(Utf8JsonWriter w, string type, string suffix, string timestamp, Action<Utf8JsonWriter> body)
        {
            w.WriteStartObject();
            w.WriteString("id", $"{Placeholder}-e{suffix}");
            w.WriteString("type", type);
            w.WriteString("timestamp", timestamp);
            w.WriteStartObject("body");
            body(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }
    }

    private sealed record Result(
        double EventsPerSecond, double P50, double P99, int Requests, int FailedRequests, double PeakRssMegabytes, List<double> Queryable, int QueryableSampled);

    private sealed record Measured(List<double> Latencies, long Events, int Failed, TimeSpan Elapsed);

    /// <summary>The client load: each client sends one batch at a time until the phase ends.</summary>
    private sealed class LoadRun(HttpClient http, string template, int clients, bool isSightline, TimeSpan duration)
    {
        private long _nextSampleTicks;
        private int _sampled;

        public List<Task<double?>> Pollers { get; } = [];

        public async Task<Measured> RunAsync(TimeSpan phase, bool measure)
        {
            var clock = Stopwatch.StartNew();
            var interval = duration / QueryableSamples;
            _nextSampleTicks = 0;
            var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                var latencies = new List<double>();
                long events = 0;
                var failed = 0;
                while (clock.Elapsed < phase)
                {
                    var batchId = Guid.NewGuid().ToString("N");
                    using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(template.Replace(Placeholder, batchId, StringComparison.Ordinal)));
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    var start = Stopwatch.GetTimestamp();
                    int accepted;
                    try
                    {
                        using var response = await http.PostAsync(new Uri("/api/public/ingestion", UriKind.Relative), content);
                        var body = await response.Content.ReadAsByteArrayAsync();
                        accepted = response.StatusCode == HttpStatusCode.MultiStatus ? Accepted(body) : -1;
                    }
                    catch (HttpRequestException)
                    {
                        accepted = -1;
                    }

                    var done = Stopwatch.GetTimestamp();
                    if (!measure)
                    {
                        continue;
                    }

                    latencies.Add(Stopwatch.GetElapsedTime(start, done).TotalMilliseconds);
                    if (accepted < 0)
                    {
                        failed++;
                        continue;
                    }

                    events += accepted;
                    if (isSightline && accepted == BatchSize && ClaimSample(clock.Elapsed, interval))
                    {
                        lock (Pollers)
                        {
                            Pollers.Add(Task.Run(() => PollQueryableAsync(batchId, done)));
                        }
                    }
                }

                return (latencies, events, failed);
            })));
            var elapsed = clock.Elapsed;
            return new Measured([.. perClient.SelectMany(c => c.latencies)], perClient.Sum(c => c.events), perClient.Sum(c => c.failed), elapsed);
        }

        private bool ClaimSample(TimeSpan now, TimeSpan interval)
        {
            while (true)
            {
                var next = Interlocked.Read(ref _nextSampleTicks);
                if (now.Ticks < next || Volatile.Read(ref _sampled) >= QueryableSamples)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref _nextSampleTicks, next + interval.Ticks, next) == next)
                {
                    Interlocked.Increment(ref _sampled);
                    return true;
                }
            }
        }

        private int Accepted(byte[] body)
        {
            if (!isSightline)
            {
                return BatchSize;
            }

            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("successes", out var successes) ? successes.GetArrayLength() : 0;
        }

        /// <summary>Milliseconds from the batch's 207 until the trace answers with all its observations; null on timeout.</summary>
        private async Task<double?> PollQueryableAsync(string traceId, long sent)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            while (Stopwatch.GetElapsedTime(sent) < QueryableTimeout)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri($"/api/public/traces/{traceId}", UriKind.Relative));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        var now = Stopwatch.GetTimestamp();
                        using var doc = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
                        if (doc.RootElement.TryGetProperty("observations", out var observations) && observations.GetArrayLength() >= ObservationsPerTrace)
                        {
                            return Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds;
                        }
                    }
                }
                catch (HttpRequestException)
                {
                }

                await timer.WaitForNextTickAsync();
            }

            return null;
        }
    }
}
