using System.Globalization;

namespace Sightline.Storage.ClickHouse;

/// <summary>
/// The <c>event_ts</c> of each write: the current time in microseconds, and strictly later than any version this
/// process handed out before, so a write always replaces the one before it even within one microsecond or after the
/// system clock stepped back.
/// </summary>
internal sealed class VersionClock(TimeProvider time)
{
    private long _last;

    /// <summary>The next version, in the text form of a DateTime64(6) column.</summary>
    public string Next()
    {
        var now = time.GetUtcNow().UtcTicks / 10;
        long last, next;
        do
        {
            last = Volatile.Read(ref _last);
            next = Math.Max(now, last + 1);
        }
        while (Interlocked.CompareExchange(ref _last, next, last) != last);

        return new DateTime(next * 10, DateTimeKind.Utc).ToString(ClickHouseText.VersionFormat, CultureInfo.InvariantCulture);
    }
}
