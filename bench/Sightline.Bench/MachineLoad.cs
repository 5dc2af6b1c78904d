using System.Globalization;

namespace Sightline.Bench;

/// <summary>The machine's one-minute load average from <c>/proc/loadavg</c> (Linux): how busy the shared cores were.</summary>
internal static class MachineLoad
{
    public static double OneMinute() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
