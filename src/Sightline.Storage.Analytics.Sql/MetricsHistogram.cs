using System.Globalization;

namespace Sightline.Storage.Analytics.Sql;

/// <summary>
/// Folds the rows of <see cref="MetricsSql.BuildHistogram"/> (group keys, bin, count, smallest, largest) into one row
/// per group whose last column lists every bin as <c>[lower, upper, count]</c>, empty bins included, so a chart
/// draws the same axis for every group. Groups keep the order of their first row.
/// </summary>
internal static class MetricsHistogram
{
    public static List<object?[]> Fold(IReadOnlyList<object?[]> rows, int keyCount, int bins, int? rowLimit)
    {
        var groups = new List<(object?[] Keys, double Low, double High, long[] Counts)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = string.Join("\u001f", row.Take(keyCount).Select(Key));
            if (!index.TryGetValue(key, out var at))
            {
                at = groups.Count;
                index[key] = at;
                groups.Add((row[..keyCount], Number(row[keyCount + 2]), Number(row[keyCount + 3]), new long[bins]));
            }

            groups[at].Counts[Convert.ToInt32(row[keyCount], CultureInfo.InvariantCulture)] += Convert.ToInt64(row[keyCount + 1], CultureInfo.InvariantCulture);
        }

        return groups.Take(rowLimit ?? int.MaxValue).Select(g => (object?[])[.. g.Keys, Bins(g.Low, g.High, g.Counts)]).ToList();
    }

    // All values equal: one bin, [value, value, count], as there is no width to split.
    private static List<object?> Bins(double low, double high, long[] counts)
    {
        if (high <= low)
        {
            return [new List<object?> { low, high, counts.Sum() }];
        }

        var width = (high - low) / counts.Length;
        return counts.Select((count, i) => (object?)new List<object?> { low + (i * width), i == counts.Length - 1 ? high : low + ((i + 1) * width), count }).ToList();
    }

    private static double Number(object? value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private static string Key(object? value) => value switch
    {
        null => "\u0000",
        DateTime t => t.Ticks.ToString(CultureInfo.InvariantCulture),
        IEnumerable<string> list => string.Join("\u001e", list),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
