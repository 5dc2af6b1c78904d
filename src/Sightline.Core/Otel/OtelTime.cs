using System.Globalization;

namespace Sightline.Otel;

/// <summary>OTLP nanosecond timestamps as the millisecond UTC times Langfuse stores.</summary>
internal static class OtelTime
{
    private const ulong NanosPerMillisecond = 1_000_000;
    private static readonly ulong MaxMilliseconds = (ulong)(DateTime.MaxValue - DateTime.UnixEpoch).TotalMilliseconds;

    /// <summary>Null for 0 (not sent) or a value past year 9999.</summary>
    public static DateTime? FromUnixNano(ulong nanos)
    {
        var ms = nanos / NanosPerMillisecond;
        return nanos == 0 || ms > MaxMilliseconds ? null : DateTime.UnixEpoch.AddMilliseconds(ms);
    }

    public static DateTime TruncateToMilliseconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    public static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
