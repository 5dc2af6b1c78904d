using System.Globalization;

namespace Sightline.Storage.Local;

/// <summary>A byte offset in one segment; as a string <c>segment:offset</c>, the batch position consumers see.</summary>
internal readonly record struct LogPosition(long Segment, long Offset) : IComparable<LogPosition>
{
    public int CompareTo(LogPosition other) =>
        Segment != other.Segment ? Segment.CompareTo(other.Segment) : Offset.CompareTo(other.Offset);

    public static bool operator <(LogPosition left, LogPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(LogPosition left, LogPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(LogPosition left, LogPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(LogPosition left, LogPosition right) => left.CompareTo(right) >= 0;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Segment}:{Offset}");

    public static bool TryParse(string? text, out LogPosition position)
    {
        position = default;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0
            || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var segment)
            || !long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return false;
        }

        position = new LogPosition(segment, offset);
        return true;
    }
}
