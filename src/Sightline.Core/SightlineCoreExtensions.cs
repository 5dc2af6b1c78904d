using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sightline.AnnotationQueues;
using Sightline.Api;
using Sightline.Auth;
using Sightline.Comments;
using Sightline.Common;
using Sightline.Costs;
using Sightline.Datasets;
using Sightline.Health;
using Sightline.Ingestion;
using Sightline.LlmConnections;
using Sightline.LlmConnections.Chat;
using Sightline.Media;
using Sightline.Metrics;
using Sightline.Otel;
using Sightline.Projects;
using Sightline.Prompts;
using Sightline.Scores;
using Sightline.Tracing;

namespace Sightline;

public static class SightlineCoreExtensions
{
    /// <summary>Registers the features; the host adds one storage profile next to this.</summary>
    public static IServiceCollection AddSightlineCore(this IServiceCollection services, AdminApiOptions admin, BootstrapOptions bootstrap, MediaOptions media)
    {
        services.AddSingleton(TimeProvider.System);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, SightlineJson.Default);
            // The context's own converter list applies only to its default options, not to these.
            o.SerializerOptions.Converters.Add(new UtcMillisecondsConverter());
        });
        services.Configure<AdminApiOptions>(o => o.AdminApiKey = admin.AdminApiKey);

        services.TryAddSingleton<IApiKeyCacheInvalidation, InProcessCacheInvalidation>();
        services.AddSingleton<ApiKeyHasher>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton(bootstrap);
        services.AddSingleton<Bootstrapper>();
        services.AddSingleton<IHealthProbe, MetadataHealthProbe>();
        services.AddSingleton<StartupGate>();
        services.TryAddSingleton(new IngestionOptions());
        services.AddSingleton<IScoreConfigLookup, ScoreConfigLookup>();
        services.TryAddSingleton<IMergeLocks, InProcessMergeLocks>();
        services.AddSingleton<IngestionProcessor>();
        services.AddSightlineCosts();
        services.AddSightlinePrompts();
        services.AddSingleton(media);
        services.AddSingleton<MediaUrlSigner>();
        services.AddSingleton<MediaUrls>();
        services.AddSingleton<MediaAnnouncementGates>();
        services.AddScoped<CommentTargets>();
        services.AddSingleton<SecretCipher>();
        services.AddSingleton<LlmConnectionSecrets>();
        services.AddSingleton<LlmChatClientFactory>();
        services.AddSingleton<LlmConnectionTester>();
        services.AddHttpClient(LlmChatClientFactory.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(120));

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(Policies.Add);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, LangfuseAuthorizationResultHandler>();
        return services;
    }

    /// <summary>Background work of the worker role: the ingestion pipeline's consumer and data retention.</summary>
    public static IServiceCollection AddSightlineWorker(this IServiceCollection services, RetentionOptions? retention = null)
    {
        services.AddSingleton<IngestionWorkerStatus>();
        services.AddSingleton<IHealthProbe, IngestionWorkerHealthProbe>();
        services.AddHostedService<IngestionWorker>();
        services.AddSingleton(retention ?? new RetentionOptions());
        services.AddHostedService<RetentionService>();
        return services;
    }

    public static IEndpointRouteBuilder MapSightlineApi(this IEndpointRouteBuilder app)
    {
        app.MapHealth();
        app.MapProjects();
        app.MapOrganizations();
        app.MapAdmin();
        app.MapIngestion();
        app.MapOtel();
        app.MapTraces();
        app.MapObservations();
        app.MapSessions();
        app.MapMetrics();
        app.MapModels();
        app.MapPrompts();
        app.MapMedia();
        app.MapComments();
        app.MapAnnotationQueues();
        app.MapScores();
        app.MapScoreConfigs();
        app.MapDatasets();
        app.MapLlmConnections();
        return app;
    }
}
