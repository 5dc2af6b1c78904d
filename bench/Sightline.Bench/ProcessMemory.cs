using System.Globalization;

namespace Sightline.Bench;

/// <summary>Memory figures of a running process, read from <c>/proc/&lt;pid&gt;/status</c> (Linux).</summary>
internal static class ProcessMemory
{
    public static double ResidentMegabytes(int pid) => StatusMegabytes(pid, "VmRSS:");

    public static double FileBackedMegabytes(int pid) => StatusMegabytes(pid, "RssFile:");

    /// <summary>A kB figure of <c>/proc/&lt;pid&gt;/status</c> (VmRSS, RssFile, RssAnon, RssShmem) in MB.</summary>
    private static double StatusMegabytes(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var kb = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                return kb / 1024;
            }
        }

        return double.NaN;
    }
}
