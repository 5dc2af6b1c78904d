namespace Sightline.Bench;

/// <summary>
/// One run of an <see cref="OpenLoopLoad"/>. Latencies (ms) are of the successful requests, each from its scheduled
/// send time until its response was read; <see cref="SendLagP99"/> is how late the generator itself sent them.
/// </summary>
internal sealed record OpenLoopResult(
    int Scheduled,
    int Succeeded,
    int WrongStatus,
    int TimedOut,
    int ConnectionFailed,
    int NotSent,
    TimeSpan Duration,
    double P50,
    double P99,
    double P999,
    double Max,
    double SendLagP99,
    int PeakOutstanding)
{
    /// <summary>How many answers came with each unexpected status code.</summary>
    public IReadOnlyDictionary<int, int> WrongStatuses { get; init; } = new SortedDictionary<int, int>();

    public int Errors => WrongStatus + TimedOut + ConnectionFailed + NotSent;

    public double SucceededPerSecond => Succeeded / Duration.TotalSeconds;

    /// <summary>The errors in words, e.g. "0" or "5 (2 unexpected status: 2 × 503, 1 timed out, 2 not sent: too many outstanding)".</summary>
    public string DescribeErrors()
    {
        if (Errors == 0)
        {
            return "0";
        }

        var parts = new List<string>();
        Add(WrongStatus, WrongStatuses.Count == 0
            ? "unexpected status"
            : "unexpected status: " + string.Join(", ", WrongStatuses.Select(s => $"{s.Value} × {s.Key}")));
        Add(TimedOut, "timed out");
        Add(ConnectionFailed, "connection failed");
        Add(NotSent, "not sent: too many outstanding");
        return $"{Errors} ({string.Join(", ", parts)})";

        void Add(int count, string what)
        {
            if (count > 0)
            {
                parts.Add($"{count} {what}");
            }
        }
    }
}
