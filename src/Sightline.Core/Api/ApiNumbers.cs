namespace Sightline.Api;

internal static class ApiNumbers
{
    /// <summary>Drops the storage scale's trailing zeros (0.003500000000 → 0.0035), as Langfuse's numbers read.</summary>
    public static decimal Trim(decimal value) => value / 1.000000000000000000000000000000000m;
}
