using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sightline.Ingestion;

namespace Sightline.Costs;

public static class CostsServiceCollectionExtensions
{
    /// <summary>Model matching, prices and cost for ingestion, and what <c>/api/public/models</c> needs.</summary>
    public static IServiceCollection AddSightlineCosts(this IServiceCollection services)
    {
        services.AddSingleton<BuiltInModels>();
        services.AddSingleton(sp => new ModelPatterns(ModelPatterns.DefaultMatchTimeout, sp.GetRequiredService<ILogger<ModelPatterns>>()));
        services.AddSingleton<IProjectModels, ProjectModelCache>();
        services.AddSingleton<ModelMatcher>();
        services.AddSingleton<CostCalculator>();
        services.AddSingleton<TokenCounter>();
        services.AddSingleton<IObservationEnricher, CostEnricher>();
        return services;
    }
}
