namespace Sightline.Storage.Analytics.Sql;

/// <summary>A table a metrics column needs beside the view's own; each is joined at most once, one row per view row.</summary>
internal enum MetricsJoin
{
    None,
    /// <summary>The row's trace (alias <c>t</c>).</summary>
    Trace,
    /// <summary>The score's observation (alias <c>o</c>).</summary>
    Observation,
    /// <summary>Per-trace aggregates of the trace's observations in the time range (alias <c>os</c>).</summary>
    ObservationStats,
    /// <summary>Per-trace or per-observation score counts in the time range (alias <c>ss</c>).</summary>
    ScoreStats,
}
