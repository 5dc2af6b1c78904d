using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Sightline.Bench;

/// <summary>
/// <c>GET /api/public/v2/prompts/{name}?label=production</c> at a fixed 2,000 requests/s, open loop, first alone
/// and then while ingestion runs at half of Sightline's maximum ingestion rate; the same two phases against the floor
/// app's constant-body route (with the same ingestion request rate at its parse-only ingestion route), so the latency
/// figures come with a same-run baseline. Loopback only.
/// </summary>
internal static class PromptBenchmark
{
    public const double FetchRate = 2000;
    private const int MaxOutstandingFetches = 256;
    private const int MaxOutstandingBatches = 64;
    public const int BurstClients = 8;
    public const double AloneGoalMs = 2;
    public const double UnderLoadGoalMs = 5;
    public const double FloorRatioGoal = 2;
    private static readonly TimeSpan FetchWarmUp = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan IngestionWarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan BurstWarmUp = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Burst = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);
    private static readonly Uri IngestionPath = new("/api/public/ingestion", UriKind.Relative);

    public static async Task<string> RunAsync(string root, int seconds)
    {
        var (server, floor) = BenchBinaries.Find(root);
        var duration = TimeSpan.FromSeconds(seconds);
        var batch = new IngestBatch();
        var loadBefore = MachineLoad.OneMinute();
        var maxBatches = await MeasureMaxIngestionAsync(server, batch);
        var ingestRate = Math.Max(1, Math.Round(maxBatches.SucceededPerSecond / 2));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Maximum ingestion: {maxBatches.SucceededPerSecond:0.0} batches/s; driving {ingestRate:0} batches/s"));
        var sightline = await MeasureAsync(server, batch, duration, ingestRate, isSightline: true);
        var baseline = await MeasureAsync(floor, batch, duration, ingestRate, isSightline: false);
        var loadAfter = MachineLoad.OneMinute();
        return new PromptReport(sightline, baseline, maxBatches, ingestRate, batch.Bytes, seconds, (loadBefore, loadAfter)).Render();
    }

    public static string Settings => string.Create(
        CultureInfo.InvariantCulture,
        $"{FetchRate:0} requests/s, at most {MaxOutstandingFetches} outstanding, {FetchTimeout.TotalSeconds:0} s timeout; warm-up {FetchWarmUp.TotalSeconds:0} s at the same rate; ingestion starts {IngestionWarmUp.TotalSeconds:0} s before the loaded phase, at most {MaxOutstandingBatches} batches outstanding; maximum ingestion rate from {BurstClients} closed-loop clients for {Burst.TotalSeconds:0} s after a {BurstWarmUp.TotalSeconds:0} s warm-up, on a fresh Sightline");

    /// <summary>Sightline's maximum ingestion rate in batches/s, from a closed-loop burst on a process of its own (its backlog would otherwise load the measured run).</summary>
    private static async Task<IngestMeasurement> MeasureMaxIngestionAsync(string server, IngestBatch batch)
    {
        var dataDir = Directory.CreateTempSubdirectory("sightline-bench-").FullName;
        try
        {
            await using var process = ServerProcess.Start(server, dataDir, BenchProject.Environment());
            using var http = Client(process, BurstClients + 8, TimeSpan.FromSeconds(30));
            await process.WaitHealthyAsync(TimeSpan.FromMilliseconds(20));
            var load = new ClosedLoopIngest(http, batch, BurstClients, countsSuccesses: true, Burst, queryableSamples: 0);
            await load.RunAsync(BurstWarmUp, measure: false);
            return await load.RunAsync(Burst, measure: true);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task<PromptPhases> MeasureAsync(string dll, IngestBatch batch, TimeSpan duration, double ingestRate, bool isSightline)
    {
        var dataDir = Directory.CreateTempSubdirectory("sightline-bench-").FullName;
        try
        {
            await using var process = ServerProcess.Start(dll, dataDir, BenchProject.Environment());
            using var fetchHttp = Client(process, MaxOutstandingFetches, FetchTimeout);
            using var ingestHttp = Client(process, MaxOutstandingBatches, TimeSpan.FromSeconds(30));
            await process.WaitHealthyAsync(TimeSpan.FromMilliseconds(20));
            var (plainBytes, composedBytes) = isSightline ? await PromptSetup.CreateAsync(fetchHttp) : await FloorSizesAsync(fetchHttp);

            Uri[] paths = [PromptSetup.FetchPath(PromptSetup.Plain), PromptSetup.FetchPath(PromptSetup.Composed)];
            var fetches = new OpenLoopLoad(fetchHttp, FetchRate, MaxOutstandingFetches, i => new HttpRequestMessage(HttpMethod.Get, paths[i % paths.Length]), HttpStatusCode.OK);
            double peakAlone;
            double cpuAlone;
            OpenLoopResult alone;
            using (var rss = RssSampler.Start(process.Pid))
            {
                await fetches.RunAsync(FetchWarmUp);
                var cpu = ProcessCpu.Start(process.Pid);
                alone = await fetches.RunAsync(duration);
                cpuAlone = cpu.Cores();
                peakAlone = await rss.StopAsync();
            }

            Console.WriteLine(Progress(dll, "alone", alone));

            using var loadedRss = RssSampler.Start(process.Pid);
            var ingestion = new OpenLoopLoad(ingestHttp, ingestRate, MaxOutstandingBatches, _ => IngestionRequest(batch), HttpStatusCode.MultiStatus);
            var ingesting = ingestion.RunAsync(IngestionWarmUp + duration);
            await Task.Delay(IngestionWarmUp);
            var loadedCpu = ProcessCpu.Start(process.Pid);
            var underLoad = await fetches.RunAsync(duration);
            var cpuUnderLoad = loadedCpu.Cores();
            var ingested = await ingesting;
            var peakUnderLoad = await loadedRss.StopAsync();
            Console.WriteLine(Progress(dll, "under ingestion", underLoad));
            Console.WriteLine(Progress(dll, "ingestion", ingested));
            return new PromptPhases(alone, underLoad, ingested, plainBytes, composedBytes, peakAlone, peakUnderLoad, cpuAlone, cpuUnderLoad);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static HttpClient Client(ServerProcess process, int connections, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = process.BaseAddress, Timeout = timeout };
        http.DefaultRequestHeaders.Authorization = BenchProject.Authorization();
        return http;
    }

    private static HttpRequestMessage IngestionRequest(IngestBatch batch)
    {
        var content = new ByteArrayContent(batch.Body(Guid.NewGuid().ToString("N")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, IngestionPath) { Content = content };
    }

    private static async Task<(int Plain, int Composed)> FloorSizesAsync(HttpClient http)
    {
        var sizes = new int[2];
        string[] names = [PromptSetup.Plain, PromptSetup.Composed];
        for (var i = 0; i < names.Length; i++)
        {
            using var response = await http.GetAsync(PromptSetup.FetchPath(names[i]));
            sizes[i] = response.StatusCode == HttpStatusCode.OK
                ? (await response.Content.ReadAsByteArrayAsync()).Length
                : throw new InvalidOperationException($"The floor answered {(int)response.StatusCode} for prompt {names[i]}");
        }

        return (sizes[0], sizes[1]);
    }

    private static string Progress(string dll, string phase, OpenLoopResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Path.GetFileNameWithoutExtension(dll)} {phase}: p50 {r.P50:0.00} ms, p99 {r.P99:0.00} ms, p99.9 {r.P999:0.00} ms, max {r.Max:0.0} ms, {r.SucceededPerSecond:0} ok/s, errors {r.DescribeErrors()}, send lag p99 {r.SendLagP99:0.00} ms, peak outstanding {r.PeakOutstanding}");
}
