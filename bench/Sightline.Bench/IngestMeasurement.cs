namespace Sightline.Bench;

/// <summary>One measured phase of <see cref="ClosedLoopIngest"/>: request latencies (ms), accepted events, failed requests.</summary>
internal sealed record IngestMeasurement(List<double> Latencies, long Events, int Failed, TimeSpan Elapsed)
{
    public double SucceededPerSecond => (Latencies.Count - Failed) / Elapsed.TotalSeconds;
}
