using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Sightline.Bench;

/// <summary>
/// A closed-loop ingestion load: each of <paramref name="clients"/> sends one <see cref="IngestBatch"/> at a time
/// until the phase ends. With <paramref name="queryableSamples"/> above zero, that many accepted batches spread over
/// <paramref name="duration"/> are also polled until their trace is queryable (see <see cref="Pollers"/>).
/// </summary>
/// <param name="countsSuccesses">Count the successes listed in each 207 (Sightline); otherwise a 207 counts the whole batch (the floor).</param>
internal sealed class ClosedLoopIngest(HttpClient http, IngestBatch batch, int clients, bool countsSuccesses, TimeSpan duration, int queryableSamples)
{
    public static readonly TimeSpan QueryableTimeout = TimeSpan.FromSeconds(30);

    private long _nextSampleTicks;
    private int _sampled;

    /// <summary>Per sampled batch: milliseconds from its 207 until its trace answers with all its observations, or null on timeout.</summary>
    public List<Task<double?>> Pollers { get; } = [];

    public async Task<IngestMeasurement> RunAsync(TimeSpan phase, bool measure)
    {
        var clock = Stopwatch.StartNew();
        var interval = queryableSamples > 0 ? duration / queryableSamples : TimeSpan.MaxValue;
        _nextSampleTicks = 0;
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            long events = 0;
            var failed = 0;
            var refused = 0;
            while (clock.Elapsed < phase)
            {
                var batchId = Guid.NewGuid().ToString("N");
                using var content = new ByteArrayContent(batch.Body(batchId));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                var start = Stopwatch.GetTimestamp();
                int accepted;
                var wasRefused = false;
                try
                {
                    using var response = await http.PostAsync(new Uri("/api/public/ingestion", UriKind.Relative), content);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    accepted = response.StatusCode == HttpStatusCode.MultiStatus ? Accepted(body) : -1;
                    wasRefused = response.StatusCode == HttpStatusCode.ServiceUnavailable;
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
                    refused += wasRefused ? 1 : 0;
                    continue;
                }

                events += accepted;
                if (accepted == IngestBatch.BatchSize && queryableSamples > 0 && ClaimSample(clock.Elapsed, interval))
                {
                    lock (Pollers)
                    {
                        Pollers.Add(Task.Run(() => PollQueryableAsync(batchId, done)));
                    }
                }
            }

            return (latencies, events, failed, refused);
        })));
        var elapsed = clock.Elapsed;
        return new IngestMeasurement([.. perClient.SelectMany(c => c.latencies)], perClient.Sum(c => c.events), perClient.Sum(c => c.failed), perClient.Sum(c => c.refused), elapsed);
    }

    private bool ClaimSample(TimeSpan now, TimeSpan interval)
    {
        while (true)
        {
            var next = Interlocked.Read(ref _nextSampleTicks);
            if (now.Ticks < next || Volatile.Read(ref _sampled) >= queryableSamples)
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
        if (!countsSuccesses)
        {
            return IngestBatch.BatchSize;
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
                    if (doc.RootElement.TryGetProperty("observations", out var observations) && observations.GetArrayLength() >= IngestBatch.ObservationsPerTrace)
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
