namespace Sightline.Costs;

/// <summary>Computed cost per usage type (including <c>total</c>) and the total it comes to.</summary>
internal sealed record PricedCost(IReadOnlyDictionary<string, decimal> Details, decimal? Total)
{
    public static readonly PricedCost None = new(new Dictionary<string, decimal>(), null);
}
