using Sightline.Tracing;

namespace Sightline.Core.Tests.Tracing;

public sealed class TraceTreeTests
{
    [Fact]
    public void ObservationWindowAround_ATimestamp_IsTwoDaysEitherSide()
    {
        var timestamp = new DateTime(2026, 5, 10, 12, 30, 0, DateTimeKind.Utc);

        var (from, to) = TraceTree.ObservationWindowAround(timestamp);

        Assert.Equal(new DateTime(2026, 5, 8, 12, 30, 0, DateTimeKind.Utc), from);
        Assert.Equal(new DateTime(2026, 5, 12, 12, 30, 0, DateTimeKind.Utc), to);
    }

    [Fact]
    public void ObservationWindowAround_TimestampsAtTheEndsOfTheCalendar_StopAtThemInsteadOfOverflowing()
    {
        Assert.Equal(DateTime.MinValue, TraceTree.ObservationWindowAround(DateTime.MinValue.AddHours(1)).From);
        Assert.Equal(DateTime.MinValue.AddDays(3), TraceTree.ObservationWindowAround(DateTime.MinValue.AddDays(5)).From);
        Assert.Equal(DateTime.MaxValue, TraceTree.ObservationWindowAround(DateTime.MaxValue.AddHours(-1)).To);
    }
}
