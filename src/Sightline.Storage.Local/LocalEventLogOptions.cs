namespace Sightline.Storage.Local;

/// <summary>Sizing of the embedded profile's event log.</summary>
public sealed class LocalEventLogOptions
{
    /// <summary>A segment file is closed and a new one started once it would grow past this size.</summary>
    public long SegmentBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Appends are refused (503 to the SDK) while this many bytes wait for the worker.</summary>
    public long MaxBacklogBytes { get; init; } = 256L * 1024 * 1024;

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
    }
}
