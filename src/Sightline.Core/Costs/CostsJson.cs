using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sightline.Costs;

/// <summary>Serializers for the built-in price table and the pricing tiers stored as text.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<PricedModel>))]
[JsonSerializable(typeof(List<PricingTier>))]
internal sealed partial class CostsJson : JsonSerializerContext;
