using System.Globalization;
using Microsoft.ML.Tokenizers;
using Sightline.Costs;
using static Sightline.Core.Tests.Costs.CostTestSupport;

namespace Sightline.Core.Tests.Costs;

public sealed class CostEnricherTests
{
    [Fact]
    public async Task Gpt4o_WithCachedTokens_PricesEachUsageTypeAtItsRate()
    {
        var o = Generation("gpt-4o", new() { ["input"] = 1_000, ["input_cached_tokens"] = 2_000, ["output"] = 500, ["output_reasoning_tokens"] = 100 });

        var priced = await EnrichAsync(o);

        Assert.Equal("openai-gpt-4o", priced.InternalModelId);
        Assert.Equal(0.0025m, priced.CostDetails["input"]);
        Assert.Equal(0.0025m, priced.CostDetails["input_cached_tokens"]);
        Assert.Equal(0.005m, priced.CostDetails["output"]);
        Assert.Equal(0.001m, priced.CostDetails["output_reasoning_tokens"]);
        Assert.Equal(0.011m, priced.CostDetails["total"]);
        Assert.Equal(0.011m, priced.TotalCost);
        Assert.Equal("Standard", priced.UsagePricingTierName);
        Assert.Equal("openai-gpt-4o_tier_default", priced.UsagePricingTierId);
        Assert.Equal(3_600, priced.UsageDetails["total"]);
    }

    [Fact]
    public async Task Embedding_PricedOnTotalOnly()
    {
        var priced = await EnrichAsync(Generation("text-embedding-3-small", new() { ["input"] = 1_000_000 }));

        Assert.Equal(0.02m, priced.TotalCost);
        Assert.Equal(0.02m, Assert.Single(priced.CostDetails).Value);
    }

    [Theory]
    [InlineData(150_000, 1_000, "Standard", "0.1975")]
    [InlineData(200_000, 1_000, "Standard", "0.26")]
    [InlineData(250_000, 1_000, "Large Context", "0.64")]
    public async Task Gemini25Pro_PicksTheLargeContextTierAbove200kInputTokens(long input, long output, string tierName, string expectedTotal)
    {
        var priced = await EnrichAsync(Generation("gemini-2.5-pro", new() { ["input"] = input, ["output"] = output }));

        Assert.Equal(tierName, priced.UsagePricingTierName);
        Assert.Equal(decimal.Parse(expectedTotal, CultureInfo.InvariantCulture), priced.TotalCost);
    }

    [Fact]
    public async Task Gemini25Pro_CachedTokensCountTowardsTheThreshold()
    {
        var priced = await EnrichAsync(Generation("gemini-2.5-pro", new() { ["input"] = 150_000, ["input_cached_tokens"] = 60_000, ["output"] = 10 }));

        Assert.Equal("Large Context", priced.UsagePricingTierName);
        Assert.Equal(0.015m, priced.CostDetails["input_cached_tokens"]);
    }

    [Fact]
    public async Task ProvidedCost_WinsOverComputedCost()
    {
        var o = Generation("gpt-4o", new() { ["input"] = 1_000, ["output"] = 1_000 }, new() { ["input"] = 0.5m, ["output"] = 0.25m });

        var priced = await EnrichAsync(o);

        Assert.Equal("openai-gpt-4o", priced.InternalModelId);
        Assert.Equal(0.75m, priced.TotalCost);
        Assert.Equal(0.5m, priced.CostDetails["input"]);
        Assert.Null(priced.UsagePricingTierId);
    }

    [Fact]
    public async Task UnknownModel_GetsNoModelAndNoCost()
    {
        var priced = await EnrichAsync(Generation("my-own-llm", new() { ["input"] = 1_000, ["output"] = 1_000 }));

        Assert.Null(priced.InternalModelId);
        Assert.Empty(priced.CostDetails);
        Assert.Null(priced.TotalCost);
        Assert.Null(priced.UsagePricingTierName);
    }

    [Fact]
    public async Task NoModelName_LeavesTheObservationAlone()
    {
        var o = Generation(null, new() { ["input"] = 10 });

        var result = await Enricher().EnrichAsync([o], CancellationToken.None);

        Assert.Same(o, Assert.Single(result));
    }

    [Fact]
    public async Task ProjectModel_PricesInsteadOfTheBuiltIn()
    {
        var own = ProjectModel("own", "(?i)^gpt-4o$", 0.001m, 0.002m);

        var priced = await EnrichAsync(Generation("gpt-4o", new() { ["input"] = 10, ["output"] = 10 }), own);

        Assert.Equal("own", priced.InternalModelId);
        Assert.Equal(0.03m, priced.TotalCost);
    }

    [Fact]
    public async Task AttributeCondition_OnModelParameters_SelectsItsTier()
    {
        var fast = new PricingTier("own-fast", "Priority", false, 1,
            [new PricingCondition { Source = "model_parameters", Key = "service_tier", Operator = "in", Values = ["priority"] }],
            new Dictionary<string, decimal> { ["input"] = 1m, ["output"] = 1m });
        var own = ProjectModel("own", "^m$", 0.1m, 0.1m, null, fast);

        var priority = await EnrichAsync(Generation("m", new() { ["input"] = 1 }, modelParameters: """{"service_tier":"priority"}"""), own);
        var standard = await EnrichAsync(Generation("m", new() { ["input"] = 1 }, modelParameters: """{"service_tier":"default"}"""), own);

        Assert.Equal(("Priority", 1m), (priority.UsagePricingTierName, priority.TotalCost));
        Assert.Equal(("Standard", 0.1m), (standard.UsagePricingTierName, standard.TotalCost));
    }

    [Fact]
    public async Task NoUsageAndNoCost_OpenAiModel_CountsTokensOfInputAndOutput()
    {
        var tokenizer = TiktokenTokenizer.CreateForModel("gpt-4o");
        var o = Generation("gpt-4o", input: """[{"role":"user","content":"What is the capital of France?"}]""", output: "\"Paris.\"");

        var priced = await EnrichAsync(o);

        var expectedInput = 3 + tokenizer.CountTokens("user") + tokenizer.CountTokens("What is the capital of France?") + 3;
        var expectedOutput = tokenizer.CountTokens("Paris.");
        Assert.Equal(expectedInput, priced.UsageDetails["input"]);
        Assert.Equal(expectedOutput, priced.UsageDetails["output"]);
        Assert.Equal(expectedInput + expectedOutput, priced.UsageDetails["total"]);
        Assert.Equal((expectedInput * 0.0000025m) + (expectedOutput * 0.00001m), priced.TotalCost);
    }

    [Fact]
    public async Task ErrorLevel_OrNonOpenAiTokenizer_CountsNothing()
    {
        var failed = await EnrichAsync(Generation("gpt-4o", input: "\"hello\"", level: "ERROR"));
        var claude = await EnrichAsync(Generation("claude-3-haiku-20240307", input: "\"hello\""));

        Assert.Empty(failed.UsageDetails);
        Assert.Null(failed.TotalCost);
        Assert.Equal("anthropic-claude-3-haiku", claude.InternalModelId);
        Assert.Empty(claude.UsageDetails);
    }

    [Fact]
    public async Task ClaudeCacheKeys_ArePricedAtCacheRates()
    {
        var priced = await EnrichAsync(Generation("claude-sonnet-4-20250514", new()
        {
            ["input"] = 1_000,
            ["cache_read_input_tokens"] = 10_000,
            ["cache_creation_input_tokens"] = 2_000,
            ["output"] = 100,
        }));

        Assert.Equal(0.003m, priced.CostDetails["input"]);
        Assert.Equal(0.003m, priced.CostDetails["cache_read_input_tokens"]);
        Assert.Equal(0.0075m, priced.CostDetails["cache_creation_input_tokens"]);
        Assert.Equal(0.0015m, priced.CostDetails["output"]);
        Assert.Equal(0.015m, priced.TotalCost);
    }
}
