using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sightline.Common;
using Sightline.Ingestion;

namespace Sightline.Prompts;

public static class PromptsServiceCollectionExtensions
{
    /// <summary>
    /// The prompt API, its resolved-prompt cache and the ingestion step linking generations to prompt versions.
    /// The in-process invalidation is only a default: a scale profile registers its own cross-node transport.
    /// </summary>
    public static IServiceCollection AddSightlinePrompts(this IServiceCollection services)
    {
        services.TryAddSingleton<IPromptCacheInvalidation, InProcessCacheInvalidation>();
        services.AddSingleton(new PromptCacheOptions());
        services.AddSingleton<PromptCache>();
        services.AddSingleton<PromptIdLookup>();
        services.AddScoped<PromptQueries>();
        services.AddScoped<PromptWriter>();
        services.AddSingleton<IObservationEnricher, PromptLinkEnricher>();
        return services;
    }
}
