using System.Text.Json;

namespace Sightline.Costs;

/// <summary>The price table that ships with Sightline (<c>BuiltInModelPrices.json</c>), read once at start.</summary>
internal sealed class BuiltInModels
{
    private const string ResourceName = "Sightline.Costs.BuiltInModelPrices.json";
    private readonly Dictionary<string, PricedModel> _byId;

    public BuiltInModels()
    {
        using var stream = typeof(BuiltInModels).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing");
        All = JsonSerializer.Deserialize(stream, CostsJson.Default.ListPricedModel) ?? [];
        _byId = All.ToDictionary(m => m.Id, StringComparer.Ordinal);
    }

    /// <summary>In match order (the table has no start dates, so file order).</summary>
    public IReadOnlyList<PricedModel> All { get; }

    public PricedModel? Find(string id) => _byId.GetValueOrDefault(id);
}
