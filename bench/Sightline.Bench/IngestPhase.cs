using System.Net.Http.Headers;

namespace Sightline.Bench;

/// <summary>
/// The ingestion benchmark's measurement against a server that already answers health: a warm-up, then
/// <see cref="ClosedLoopIngest"/> for the measured duration while the resident memory of every process in
/// <paramref name="pids"/> is sampled, then the wait for the sampled batches to become queryable.
/// Shared by the embedded run (one process) and the scale run (a web and a worker process).
/// </summary>
internal static class IngestPhase
{
    public const int QueryableSamples = 50;
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    /// <param name="isSightline">Count the successes listed in the 207s and poll for queryable traces (the floor does neither).</param>
    /// <param name="pollQueryable">False leaves out the polling for queryable traces, whose reads compete with the worker's writes.</param>
    public static async Task<IngestResult> MeasureAsync(
        Uri baseAddress, IReadOnlyList<int> pids, IngestBatch batch, TimeSpan duration, int clients, bool isSightline, AuthenticationHeaderValue authorization,
        bool pollQueryable = true)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients + 8, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = authorization;
        var samplers = pids.Select(RssSampler.Start).ToList();
        try
        {
            var load = new ClosedLoopIngest(http, batch, clients, countsSuccesses: isSightline, duration, isSightline && pollQueryable ? QueryableSamples : 0);
            await load.RunAsync(WarmUp, measure: false);
            var measured = await load.RunAsync(duration, measure: true);
            var queryable = await Task.WhenAll(load.Pollers);
            var peaks = new List<double>(samplers.Count);
            foreach (var sampler in samplers)
            {
                peaks.Add(await sampler.StopAsync());
            }

            var latencies = measured.Latencies;
            return new IngestResult(
                measured.Events / measured.Elapsed.TotalSeconds,
                Percentiles.Of(latencies, 0.50),
                Percentiles.Of(latencies, 0.99),
                latencies.Count,
                measured.Failed,
                measured.Refused,
                peaks,
                [.. queryable.Where(q => q is not null).Select(q => q!.Value)],
                queryable.Length);
        }
        finally
        {
            samplers.ForEach(s => s.Dispose());
        }
    }
}
