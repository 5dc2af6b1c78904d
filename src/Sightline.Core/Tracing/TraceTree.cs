namespace Sightline.Tracing;

/// <summary>A trace with its observations and scores as of one moment (read in one snapshot).</summary>
public sealed record TraceTree(TraceRecord Trace, IReadOnlyList<ObservationRecord> Observations, IReadOnlyList<ScoreRecord> Scores)
{
    /// <summary>
    /// How far from its trace's timestamp, either way, an observation's start time is looked for when a trace is read
    /// with its observations: Langfuse's own bound for the same read (two days). Neither engine indexes observations
    /// by trace id, so without a time bound a trace read scans the trace_id column of every observation stored; with
    /// it, both skip the data outside the window (DuckDB by row-group min/max of start_time, ClickHouse by its sort
    /// key). A trace none of whose observations start within the window (a trace timestamp set far from its
    /// observations) is read again without the bound, so its observations are never lost to it.
    /// </summary>
    public static readonly TimeSpan ObservationWindow = TimeSpan.FromDays(2);

    /// <summary>The start times an observation of a trace stamped <paramref name="timestamp"/> is looked for in first (inclusive).</summary>
    public static (DateTime From, DateTime To) ObservationWindowAround(DateTime timestamp) => (
        timestamp.Ticks - DateTime.MinValue.Ticks < ObservationWindow.Ticks ? DateTime.MinValue : timestamp - ObservationWindow,
        DateTime.MaxValue.Ticks - timestamp.Ticks < ObservationWindow.Ticks ? DateTime.MaxValue : timestamp + ObservationWindow);
}
