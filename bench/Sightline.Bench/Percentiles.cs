namespace Sightline.Bench;

/// <summary>Nearest-rank percentiles: the smallest sample with at least p of the samples at or below it.</summary>
internal static class Percentiles
{
    public static double Of(IEnumerable<double> values, double p) => OfSorted([.. values.Order()], p);

    public static double OfSorted(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
