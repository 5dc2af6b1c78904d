using Sightline.Costs;
using static Sightline.Core.Tests.Costs.CostTestSupport;

namespace Sightline.Core.Tests.Costs;

public sealed class ModelMatchingTests
{
    [Theory]
    [InlineData("gpt-4o", "openai-gpt-4o")]
    [InlineData("GPT-4o", "openai-gpt-4o")]
    [InlineData("openai/gpt-4o", "openai-gpt-4o")]
    [InlineData("gpt-4o-2024-08-06", "openai-gpt-4o")]
    [InlineData("gpt-4o-2024-11-20", "openai-gpt-4o")]
    [InlineData("gpt-4o-2024-05-13", "openai-gpt-4o-2024-05-13")]
    [InlineData("gpt-4o-mini", "openai-gpt-4o-mini")]
    [InlineData("gpt-4o-mini-2024-07-18", "openai-gpt-4o-mini")]
    [InlineData("gpt-4.1-nano-2025-04-14", "openai-gpt-4.1-nano")]
    [InlineData("o3-mini", "openai-o3-mini")]
    [InlineData("o3", "openai-o3")]
    [InlineData("text-embedding-3-small", "openai-text-embedding-3-small")]
    [InlineData("claude-3-5-sonnet-20241022", "anthropic-claude-3.5-sonnet")]
    [InlineData("anthropic/claude-3.5-sonnet", "anthropic-claude-3.5-sonnet")]
    [InlineData("anthropic.claude-3-5-sonnet-20240620-v1:0", "anthropic-claude-3.5-sonnet")]
    [InlineData("claude-3-5-sonnet-v2@20241022", "anthropic-claude-3.5-sonnet")]
    [InlineData("us.anthropic.claude-sonnet-4-20250514-v1:0", "anthropic-claude-sonnet-4")]
    [InlineData("claude-opus-4-1-20250805", "anthropic-claude-opus-4.1")]
    [InlineData("claude-opus-4-20250514", "anthropic-claude-opus-4")]
    [InlineData("gemini-2.5-pro", "google-gemini-2.5-pro")]
    [InlineData("models/gemini-2.0-flash-001", "google-gemini-2.0-flash")]
    [InlineData("gemini-2.5-flash-lite", "google-gemini-2.5-flash-lite")]
    [InlineData("mistral-large-latest", "mistral-large")]
    [InlineData("command-r-plus-08-2024", "cohere-command-r-plus-08-2024")]
    [InlineData("cohere/command-r", "cohere-command-r")]
    public void BuiltIn_MatchesCaseInsensitivelyWithProviderPrefixAndDatedSnapshots(string modelName, string expectedId)
    {
        Assert.Equal(expectedId, Matcher().MatchBuiltIn(modelName)?.Id);
    }

    [Theory]
    [InlineData("gpt-4o-2099-01-01")]
    [InlineData("my-fine-tune")]
    [InlineData("xgpt-4o")]
    [InlineData("gpt-4o ")]
    public void BuiltIn_UnknownOrMerelySimilarName_MatchesNothing(string modelName)
    {
        Assert.Null(Matcher().MatchBuiltIn(modelName));
    }

    [Fact]
    public void BuiltInTable_HasUniqueIdsValidPatternsAndOneDefaultTierEach()
    {
        var patterns = Patterns();
        Assert.True(BuiltIns.All.Count >= 40);
        Assert.Equal(BuiltIns.All.Count, BuiltIns.All.Select(m => m.Id).Distinct().Count());
        Assert.All(BuiltIns.All, m =>
        {
            Assert.Null(patterns.Validate(m.MatchPattern));
            Assert.True(patterns.IsMatch(m.MatchPattern, m.ModelName), $"{m.Id} does not match its own name");
            var tier = Assert.Single(m.PricingTiers, t => t.IsDefault);
            Assert.Equal(0, tier.Priority);
            Assert.Empty(tier.Conditions);
            Assert.NotEmpty(tier.Prices);
            Assert.True(m.IsBuiltIn);
        });
    }

    [Fact]
    public void BuiltInTable_EveryModelNameMatchesExactlyOneModel()
    {
        var patterns = Patterns();
        Assert.All(BuiltIns.All, m => Assert.Single(BuiltIns.All, other => patterns.IsMatch(other.MatchPattern, m.ModelName)));
    }

    [Fact]
    public async Task ProjectModel_OverridesBuiltIn()
    {
        var own = ProjectModel("own-gpt-4o", "(?i)^gpt-4o$", 1m, 2m);

        var match = await Matcher(own).MatchAsync(ProjectId, "gpt-4o", CancellationToken.None);

        Assert.Equal("own-gpt-4o", match?.Id);
        Assert.Equal("openai-gpt-4o", (await Matcher(own).MatchAsync("other-project", "gpt-4o", CancellationToken.None))?.Id);
    }

    [Fact]
    public async Task ProjectModels_NewestStartDateWins_AndOneWithoutStartDateComesLast()
    {
        var undated = ProjectModel("undated", "^m$", 1m, 1m);
        var old = ProjectModel("old", "^m$", 1m, 1m, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var recent = ProjectModel("recent", "^m$", 1m, 1m, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var match = await Matcher(undated, old, recent).MatchAsync(ProjectId, "m", CancellationToken.None);

        Assert.Equal("recent", match?.Id);
        Assert.Equal("undated", (await Matcher(undated).MatchAsync(ProjectId, "m", CancellationToken.None))?.Id);
    }

    [Fact]
    public async Task CatastrophicProjectPattern_TimesOut_AndCountsAsNoMatch()
    {
        var evil = ProjectModel("evil", "^(a+)+$", 1m, 1m);
        var patterns = Patterns(TimeSpan.FromMilliseconds(20));
        var matcher = new ModelMatcher(BuiltIns, new FakeProjectModels(evil), patterns);
        var name = new string('a', 64) + "!";

        Assert.Null(await matcher.MatchAsync(ProjectId, name, CancellationToken.None));
        // The answer is remembered: the second observation with this name does not run the pattern again.
        Assert.Null(await matcher.MatchAsync(ProjectId, name, CancellationToken.None));
    }

    [Fact]
    public async Task TimedOutProjectPattern_FallsThroughToTheBuiltInModel()
    {
        var evil = ProjectModel("evil", "^([a-z0-9-]+)+x", 1m, 1m);
        var matcher = new ModelMatcher(BuiltIns, new FakeProjectModels(evil), Patterns(TimeSpan.FromMilliseconds(20)));

        var match = await matcher.MatchAsync(ProjectId, "gpt-4o-mini-2024-07-18", CancellationToken.None);

        Assert.Equal("openai-gpt-4o-mini", match?.Id);
    }

    [Fact]
    public void InvalidPattern_IsReportedAndNeverMatches()
    {
        var patterns = Patterns();

        Assert.NotNull(patterns.Validate("(unclosed"));
        Assert.False(patterns.IsMatch("(unclosed", "(unclosed"));
    }
}
