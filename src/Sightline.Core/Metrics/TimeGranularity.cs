namespace Sightline.Metrics;

/// <summary>Time buckets of the metrics API (<c>auto</c> resolves to one of these before the query runs).</summary>
public enum TimeGranularity
{
    Minute,
    Hour,
    Day,
    Week,
    Month,
}
