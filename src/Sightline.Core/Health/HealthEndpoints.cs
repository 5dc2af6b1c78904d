using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sightline.Health;

public static class HealthEndpoints
{
    /// <summary>Sightline's version as reported by health, without build metadata.</summary>
    public static readonly string Version = ReadVersion();

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public").WithTags("Health").AllowAnonymous();
        group.MapGet("/health", GetHealthAsync)
            .WithSummary("Liveness: 200 when every storage engine answers, 503 with the reason otherwise.");
        group.MapGet("/ready", GetReady)
            .WithSummary("Readiness: 200 while serving, 500 once shutdown has begun.");
        return app;
    }

    private static async Task<JsonHttpResult<HealthResponse>> GetHealthAsync(
        IEnumerable<IHealthProbe> probes, ILoggerFactory loggers, CancellationToken ct)
    {
        foreach (var probe in probes)
        {
            var problem = await probe.CheckAsync(ct);
            if (problem is not null)
            {
                loggers.CreateLogger(typeof(HealthEndpoints)).ProbeFailed(probe.Name, problem);
                return TypedResults.Json(new HealthResponse("ERROR", Version, problem), statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }

        return TypedResults.Json(new HealthResponse("OK", Version));
    }

    private static JsonHttpResult<HealthResponse> GetReady(IHostApplicationLifetime lifetime) =>
        lifetime.ApplicationStopping.IsCancellationRequested
            ? TypedResults.Json(new HealthResponse("ERROR", Version, "Shutting down"), statusCode: StatusCodes.Status500InternalServerError)
            : TypedResults.Json(new HealthResponse("OK", Version));

    private static string ReadVersion()
    {
        var informational = typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
