using Microsoft.Extensions.Logging.Abstractions;
using Sightline.Costs;
using Sightline.Ingestion;
using Sightline.Tracing;

namespace Sightline.Core.Tests.Costs;

internal sealed class FakeProjectModels(params PricedModel[] models) : IProjectModels
{
    public ValueTask<IReadOnlyList<PricedModel>> GetAsync(string projectId, CancellationToken ct) =>
        ValueTask.FromResult<IReadOnlyList<PricedModel>>(ModelMapping.InMatchOrder(models.Where(m => m.ProjectId == projectId)));

    public void Invalidate(string projectId)
    {
    }
}

internal static class CostTestSupport
{
    public const string ProjectId = "project-1";

    // One table for all tests: it is immutable once read.
    public static readonly BuiltInModels BuiltIns = new();

    public static ModelPatterns Patterns(TimeSpan? timeout = null) =>
        new(timeout ?? ModelPatterns.DefaultMatchTimeout, NullLogger<ModelPatterns>.Instance);

    public static ModelMatcher Matcher(params PricedModel[] projectModels) =>
        new(BuiltIns, new FakeProjectModels(projectModels), Patterns());

    public static CostEnricher Enricher(params PricedModel[] projectModels)
    {
        var patterns = Patterns();
        return new CostEnricher(
            new ModelMatcher(BuiltIns, new FakeProjectModels(projectModels), patterns),
            new CostCalculator(patterns),
            new TokenCounter(NullLogger<TokenCounter>.Instance));
    }

    public static async Task<ObservationRecord> EnrichAsync(ObservationRecord observation, params PricedModel[] projectModels) =>
        Assert.Single(await Enricher(projectModels).EnrichAsync([observation], CancellationToken.None));

    /// <summary>A generation as the merge step leaves it: provided maps, and the same maps with a completed total.</summary>
    public static ObservationRecord Generation(
        string? model,
        Dictionary<string, long>? usage = null,
        Dictionary<string, decimal>? cost = null,
        string? input = null,
        string? output = null,
        string? modelParameters = null,
        string level = "DEFAULT")
    {
        usage ??= [];
        cost ??= [];
        var usageDetails = new Dictionary<string, long>(usage);
        var costDetails = new Dictionary<string, decimal>(cost);
        UsageParser.CompleteTotal(usageDetails);
        UsageParser.CompleteTotal(costDetails);
        var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return new ObservationRecord
        {
            ProjectId = ProjectId,
            Id = Guid.NewGuid().ToString("N"),
            TraceId = "trace-1",
            Type = "GENERATION",
            StartTime = at,
            ProvidedModelName = model,
            ProvidedUsageDetails = usage,
            UsageDetails = usageDetails,
            ProvidedCostDetails = cost,
            CostDetails = costDetails,
            TotalCost = costDetails.TryGetValue("total", out var total) ? total : null,
            Input = input,
            Output = output,
            ModelParameters = modelParameters,
            Level = level,
            Environment = "default",
            CreatedAt = at,
            UpdatedAt = at,
        };
    }

    public static PricedModel ProjectModel(string id, string pattern, decimal input, decimal output, DateTime? startDate = null, params PricingTier[] extraTiers) => new()
    {
        Id = id,
        ProjectId = ProjectId,
        ModelName = id,
        MatchPattern = pattern,
        StartDate = startDate,
        Unit = "TOKENS",
        PricingTiers =
        [
            new PricingTier(id + "-default", "Standard", true, 0, [], new Dictionary<string, decimal> { ["input"] = input, ["output"] = output }),
            .. extraTiers,
        ],
        CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
    };
}
