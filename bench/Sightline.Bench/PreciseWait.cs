using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Sightline.Bench;

/// <summary>
/// Blocks the calling thread until a <see cref="Stopwatch"/> timestamp. <see cref="Thread.Sleep(int)"/> rounds to
/// whole milliseconds, which at 2,000 requests/s would send most requests up to a millisecond late; <c>usleep</c>
/// wakes within the kernel's timer slack (about 50 µs) without spinning a core the server needs.
/// </summary>
internal static partial class PreciseWait
{
    public static void Until(long timestamp)
    {
        while (true)
        {
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            _ = USleep((uint)Math.Max(1, remaining.Ticks / TimeSpan.TicksPerMicrosecond));
        }
    }

    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int USleep(uint microseconds);
}
