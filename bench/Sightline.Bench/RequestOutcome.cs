namespace Sightline.Bench;

/// <summary>What became of one scheduled request of an <see cref="OpenLoopLoad"/>.</summary>
internal enum RequestOutcome : byte
{
    Pending,
    Succeeded,
    WrongStatus,
    TimedOut,
    ConnectionFailed,
    NotSent,
}
