using System.Globalization;

namespace Sightline.Storage.Local;

/// <summary>
/// Segment files are named by a 20-digit sequence number (<c>00000000000000000001.log</c>), so a directory listing
/// sorts in log order; numbers are consecutive, and a gap means a file went missing.
/// </summary>
internal static class SegmentFiles
{
    private const string Extension = ".log";
    private const int Digits = 20;

    public static string PathOf(string directory, long segment) =>
        Path.Combine(directory, segment.ToString("D20", CultureInfo.InvariantCulture) + Extension);

    public static List<long> List(string directory)
    {
        var segments = new List<long>();
        foreach (var path in Directory.EnumerateFiles(directory, "*" + Extension))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (name.Length == Digits && long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var segment))
            {
                segments.Add(segment);
            }
        }

        segments.Sort();
        return segments;
    }
}
