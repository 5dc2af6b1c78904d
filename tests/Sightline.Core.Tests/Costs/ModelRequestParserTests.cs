using System.Text.Json;
using Sightline.Costs;
using static Sightline.Core.Tests.Costs.CostTestSupport;

namespace Sightline.Core.Tests.Costs;

public sealed class ModelRequestParserTests
{
    private static string? Parse(string json, out ModelRequest? request)
    {
        using var doc = JsonDocument.Parse(json);
        var n = 0;
        return ModelRequestParser.Parse(doc.RootElement, Patterns(), () => "tier-" + n++, out request);
    }

    [Fact]
    public void FlatPrices_BecomeOneDefaultStandardTier()
    {
        var error = Parse("""{"modelName":"m","matchPattern":"(?i)^m$","unit":"TOKENS","inputPrice":0.000001,"outputPrice":0.000002,"startDate":"2025-01-01T00:00:00Z","tokenizerId":"openai","tokenizerConfig":{"tokenizerModel":"gpt-4o"}}""", out var request);

        Assert.Null(error);
        var tier = Assert.Single(request!.PricingTiers);
        Assert.Equal(("Standard", true, 0), (tier.Name, tier.IsDefault, tier.Priority));
        Assert.Equal(0.000001m, tier.Prices["input"]);
        Assert.Equal(0.000002m, tier.Prices["output"]);
        Assert.Equal(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), request.StartDate);
        Assert.Equal("openai", request.TokenizerId);
    }

    [Fact]
    public void PricingTiers_WithConditions_AreAccepted()
    {
        var error = Parse("""
            {"modelName":"m","matchPattern":"^m$","unit":"TOKENS","pricingTiers":[
              {"name":"Standard","isDefault":true,"priority":0,"conditions":[],"prices":{"input":1,"output":2}},
              {"name":"Large","isDefault":false,"priority":1,"conditions":[{"usageDetailPattern":"input","operator":"gt","value":1000}],"prices":{"input":3}}
            ]}
            """, out var request);

        Assert.Null(error);
        Assert.Equal(2, request!.PricingTiers.Count);
        var condition = Assert.Single(request.PricingTiers[1].Conditions);
        Assert.Equal(("input", "gt", 1000m, false), (condition.UsageDetailPattern, condition.Operator, condition.Value, condition.CaseSensitive));
    }

    [Theory]
    [InlineData("""{"matchPattern":"^m$","unit":"TOKENS"}""", "modelName:")]
    [InlineData("""{"modelName":"m","unit":"TOKENS"}""", "matchPattern:")]
    [InlineData("""{"modelName":"m","matchPattern":"(unclosed","unit":"TOKENS"}""", "matchPattern: not a valid regular expression")]
    [InlineData("""{"modelName":"m","matchPattern":"^m$"}""", "unit:")]
    [InlineData("""{"modelName":"m","matchPattern":"^m$","unit":"tokens"}""", "unit:")]
    [InlineData("""{"modelName":"m","matchPattern":"^m$","unit":"TOKENS","startDate":"2025-01-01T00:00:00"}""", "startDate:")]
    [InlineData("""{"modelName":"m","matchPattern":"^m$","unit":"TOKENS","tokenizerId":"llama"}""", "tokenizerId:")]
    [InlineData("""{"modelName":"m","matchPattern":"^m$","unit":"TOKENS","inputPrice":-1}""", "inputPrice:")]
    [InlineData("""{"modelName":"m","matchPattern":"^m$","unit":"TOKENS","totalPrice":1,"inputPrice":1}""", "totalPrice:")]
    [InlineData("""{"modelName":"m","matchPattern":"^m$","unit":"TOKENS","inputPrice":1,"pricingTiers":[{"name":"Standard","isDefault":true,"priority":0,"prices":{"input":1}}]}""", "pricingTiers: cannot be combined")]
    [InlineData("""{"modelName":"m","matchPattern":"^m$","unit":"TOKENS","pricingTiers":[]}""", "pricingTiers:")]
    [InlineData("""{"modelName":"m","matchPattern":"^m$","unit":"TOKENS","pricingTiers":[{"name":"A","isDefault":false,"priority":1,"conditions":[{"usageDetailPattern":"input","operator":"gt","value":1}],"prices":{"input":1}}]}""", "pricingTiers: exactly one")]
    [InlineData("""{"modelName":"m","matchPattern":"^m$","unit":"TOKENS","pricingTiers":[{"name":"A","isDefault":true,"priority":1,"prices":{"input":1}}]}""", "pricingTiers: the default tier")]
    [InlineData("""{"modelName":"m","matchPattern":"^m$","unit":"TOKENS","pricingTiers":[{"name":"A","isDefault":true,"priority":0,"prices":{}}]}""", "pricingTiers[0].prices:")]
    [InlineData("""{"modelName":"m","matchPattern":"^m$","unit":"TOKENS","pricingTiers":[{"name":"A","isDefault":true,"priority":0,"prices":{"input":1}},{"name":"A","isDefault":false,"priority":1,"conditions":[{"usageDetailPattern":"input","operator":"gt","value":1}],"prices":{"input":1}}]}""", "pricingTiers: tier names")]
    [InlineData("""{"modelName":"m","matchPattern":"^m$","unit":"TOKENS","pricingTiers":[{"name":"A","isDefault":true,"priority":0,"prices":{"input":1}},{"name":"B","isDefault":false,"priority":1,"conditions":[{"usageDetailPattern":"(","operator":"gt","value":1}],"prices":{"input":1}}]}""", "pricingTiers[1].conditions[0].usageDetailPattern:")]
    [InlineData("""{"modelName":"m","matchPattern":"^m$","unit":"TOKENS","pricingTiers":[{"name":"A","isDefault":true,"priority":0,"prices":{"input":1}},{"name":"B","isDefault":false,"priority":1,"conditions":[{"usageDetailPattern":"x","operator":"between","value":1}],"prices":{"input":1}}]}""", "pricingTiers[1].conditions[0].operator:")]
    public void InvalidBody_IsRejectedNamingTheField(string json, string messageStart)
    {
        var error = Parse(json, out var request);

        Assert.NotNull(error);
        Assert.StartsWith(messageStart, error, StringComparison.Ordinal);
        Assert.Null(request);
    }
}
