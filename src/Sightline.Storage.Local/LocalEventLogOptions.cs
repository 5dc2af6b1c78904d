namespace Sightline.Storage.Local;

/// <summary>Sizing of the embedded profile's event log.</summary>
public sealed class LocalEventLogOptions
{
    /// <summary>A segment file is closed and a new one started once it would grow past this size.</summary>
    public long SegmentBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Appends are refused (503 to the SDK) while this many bytes wait for the worker.</summary>
    public long MaxBacklogBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>
    /// Past this many bytes waiting for the worker, an append first waits (up to <see cref="MaxPaceWait"/>) for
    /// acknowledgements to bring the backlog back under it. Clients that send as fast as they are answered are
    /// slowed to the worker's pace, so accepted events stay about a second from queryable instead of queueing up
    /// to <see cref="MaxBacklogBytes"/>; a burst is still absorbed, each request only answered later. Zero turns
    /// pacing off.
    /// </summary>
    public long PaceAboveBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>The longest an append waits for the backlog to come down before it is appended anyway.</summary>
    public TimeSpan MaxPaceWait { get; init; } = TimeSpan.FromSeconds(2);

    internal IEnumerable<string> Errors()
    {
        if (SegmentBytes < RecordFrame.HeaderBytes + 1)
        {
            yield return $"{nameof(SegmentBytes)} must be at least {RecordFrame.HeaderBytes + 1} bytes (was {SegmentBytes}).";
        }

        if (MaxBacklogBytes <= 0)
        {
            yield return $"{nameof(MaxBacklogBytes)} must be positive (was {MaxBacklogBytes}).";
        }

        if (PaceAboveBytes < 0 || MaxPaceWait < TimeSpan.Zero)
        {
            yield return $"{nameof(PaceAboveBytes)} and {nameof(MaxPaceWait)} must not be negative (were {PaceAboveBytes} and {MaxPaceWait}).";
        }
    }
}
