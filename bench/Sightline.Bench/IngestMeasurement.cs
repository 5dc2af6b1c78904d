namespace Sightline.Bench;

/// <summary>
/// One measured phase of <see cref="ClosedLoopIngest"/>: request latencies (ms), accepted events, failed requests
/// (anything but a 207, or no answer) and among them the ones refused with 503.
/// </summary>
internal sealed record IngestMeasurement(List<double> Latencies, long Events, int Failed, int Refused, TimeSpan Elapsed)
{
    public double SucceededPerSecond => (Latencies.Count - Failed) / Elapsed.TotalSeconds;
}
