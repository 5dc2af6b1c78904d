namespace Sightline.Metrics;

/// <summary>Bucket starts in UTC, matching the SQL truncation (weeks start on Monday).</summary>
internal static class TimeBuckets
{
    public static DateTime Start(DateTime time, TimeGranularity granularity)
    {
        var t = DateTime.SpecifyKind(time, DateTimeKind.Utc);
        return granularity switch
        {
            TimeGranularity.Minute => new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, DateTimeKind.Utc),
            TimeGranularity.Hour => new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc),
            TimeGranularity.Day => t.Date,
            TimeGranularity.Week => t.Date.AddDays(-(((int)t.DayOfWeek + 6) % 7)),
            TimeGranularity.Month => new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc),
            _ => throw new ArgumentOutOfRangeException(nameof(granularity)),
        };
    }

    public static DateTime Next(DateTime bucket, TimeGranularity granularity) => granularity switch
    {
        TimeGranularity.Minute => bucket.AddMinutes(1),
        TimeGranularity.Hour => bucket.AddHours(1),
        TimeGranularity.Day => bucket.AddDays(1),
        TimeGranularity.Week => bucket.AddDays(7),
        TimeGranularity.Month => bucket.AddMonths(1),
        _ => throw new ArgumentOutOfRangeException(nameof(granularity)),
    };

    /// <summary>Dates for day and coarser buckets, date and time (to the second) for finer ones, as Langfuse renders them.</summary>
    public static string Format(DateTime bucket, TimeGranularity granularity) =>
        granularity is TimeGranularity.Minute or TimeGranularity.Hour
            ? bucket.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)
            : bucket.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
