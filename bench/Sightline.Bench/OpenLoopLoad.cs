using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Sightline.Bench;

/// <summary>
/// An open-loop load: request <c>i</c> is due at <c>start + i / rate</c> whatever happened to the earlier ones, and
/// its latency counts from that due time, so a stall in the server shows as the queue of late requests it causes
/// instead of as fewer samples (no coordinated omission). A dedicated thread sends each request when due; a request
/// due while <paramref name="maxOutstanding"/> are still unanswered is not sent and counts as an error.
/// The load is bounded: <c>rate × duration</c> requests, each with the client's timeout.
/// </summary>
/// <param name="request">Builds request number <c>i</c>.</param>
/// <param name="expected">The status of a successful response.</param>
internal sealed class OpenLoopLoad(HttpClient http, double ratePerSecond, int maxOutstanding, Func<int, HttpRequestMessage> request, HttpStatusCode expected)
{
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(10);

    private readonly ConcurrentDictionary<int, int> _wrongStatuses = new();
    private int _outstanding;
    private int _peakOutstanding;

    public async Task<OpenLoopResult> RunAsync(TimeSpan duration)
    {
        var total = (int)Math.Round(ratePerSecond * duration.TotalSeconds);
        var latencies = new double[total];
        var lags = new double[total];
        var outcomes = new RequestOutcome[total];
        _outstanding = 0;
        _peakOutstanding = 0;
        _wrongStatuses.Clear();
        var ticksPerRequest = Stopwatch.Frequency / ratePerSecond;
        var scheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = Stopwatch.GetTimestamp();
        var scheduler = new Thread(() =>
        {
            for (var i = 0; i < total; i++)
            {
                var due = start + (long)(i * ticksPerRequest);
                PreciseWait.Until(due);
                var outstanding = Interlocked.Increment(ref _outstanding);
                if (outstanding > maxOutstanding)
                {
                    Interlocked.Decrement(ref _outstanding);
                    outcomes[i] = RequestOutcome.NotSent;
                    continue;
                }

                if (outstanding > _peakOutstanding)
                {
                    _peakOutstanding = outstanding;
                }

                _ = SendAsync(i, due, latencies, lags, outcomes);
            }

            scheduled.SetResult();
        })
        { IsBackground = true, Name = "open-loop scheduler" };
        scheduler.Start();
        await scheduled.Task;
        var deadline = Stopwatch.GetTimestamp() + (long)((http.Timeout + TimeSpan.FromSeconds(5)).TotalSeconds * Stopwatch.Frequency);
        while (Volatile.Read(ref _outstanding) > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(DrainPoll);
        }

        var ok = new List<double>(total);
        var sentLags = new List<double>(total);
        for (var i = 0; i < total; i++)
        {
            if (outcomes[i] == RequestOutcome.Succeeded)
            {
                ok.Add(latencies[i]);
            }

            if (outcomes[i] != RequestOutcome.NotSent)
            {
                sentLags.Add(lags[i]);
            }
        }

        ok.Sort();
        return new OpenLoopResult(
            total,
            ok.Count,
            outcomes.Count(o => o == RequestOutcome.WrongStatus),
            outcomes.Count(o => o is RequestOutcome.TimedOut or RequestOutcome.Pending),
            outcomes.Count(o => o == RequestOutcome.ConnectionFailed),
            outcomes.Count(o => o == RequestOutcome.NotSent),
            duration,
            Percentiles.OfSorted(ok, 0.50),
            Percentiles.OfSorted(ok, 0.99),
            Percentiles.OfSorted(ok, 0.999),
            ok.Count > 0 ? ok[^1] : double.NaN,
            Percentiles.Of(sentLags, 0.99),
            _peakOutstanding)
        {
            WrongStatuses = new SortedDictionary<int, int>(_wrongStatuses),
        };
    }

    private async Task SendAsync(int i, long due, double[] latencies, double[] lags, RequestOutcome[] outcomes)
    {
        lags[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
        var outcome = RequestOutcome.ConnectionFailed;
        try
        {
            using var message = request(i);
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead);
            outcome = response.StatusCode == expected ? RequestOutcome.Succeeded : RequestOutcome.WrongStatus;
            if (outcome == RequestOutcome.WrongStatus)
            {
                _wrongStatuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            }

        }
        catch (TaskCanceledException)
        {
            outcome = RequestOutcome.TimedOut;
        }
        catch (HttpRequestException)
        {
            outcome = RequestOutcome.ConnectionFailed;
        }
        finally
        {
            latencies[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            outcomes[i] = outcome;
            Interlocked.Decrement(ref _outstanding);
        }
    }
}
