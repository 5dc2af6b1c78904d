using System.Diagnostics;
using System.Globalization;

namespace Sightline.Bench;

/// <summary>
/// How many cores a process kept busy over a stretch of time, from the user and system time in
/// <c>/proc/&lt;pid&gt;/stat</c> (Linux, in clock ticks of 1/100 s).
/// </summary>
internal sealed class ProcessCpu
{
    private const double TicksPerSecond = 100;

    private readonly int _pid;
    private readonly double _startCpu;
    private readonly long _startWall;

    private ProcessCpu(int pid)
    {
        _pid = pid;
        _startCpu = CpuSeconds(pid);
        _startWall = Stopwatch.GetTimestamp();
    }

    public static ProcessCpu Start(int pid) => new(pid);

    /// <summary>CPU seconds used since <see cref="Start"/> per second of wall time.</summary>
    public double Cores() => (CpuSeconds(_pid) - _startCpu) / Stopwatch.GetElapsedTime(_startWall).TotalSeconds;

    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name, which is in parentheses and may contain spaces: state is first, utime 12th, stime 13th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / TicksPerSecond;
    }
}
