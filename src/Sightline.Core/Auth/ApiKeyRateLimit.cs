using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sightline.Api;

namespace Sightline.Auth;

/// <summary>
/// An optional request budget per API key: a token bucket of <c>requestsPerSecond</c> tokens, refilled every second,
/// per key id. A request past it answers 429 with <c>Retry-After</c> and Langfuse's error body. Requests without a key
/// (health probes, the admin key) and the SDKs' key check are not limited. Each web process keeps its own buckets,
/// so with several web nodes behind a balancer a key gets up to this budget on each.
/// </summary>
public static class ApiKeyRateLimit
{
    public static IServiceCollection AddApiKeyRateLimit(this IServiceCollection services, int requestsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerSecond, 1);
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = requestsPerSecond,
            TokensPerPeriod = requestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.User.FindFirst(SightlineClaims.KeyId)?.Value is { } keyId && !IsAuthCheck(context.Request)
                    ? RateLimitPartition.GetTokenBucketLimiter(keyId, _ => bucket)
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            o.OnRejected = async (rejected, ct) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : bucket.ReplenishmentPeriod;
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                var http = rejected.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiKeyRateLimit))
                    .RateLimited(http.User.FindFirst(SightlineClaims.PublicKey)?.Value ?? "?", requestsPerSecond);
                await http.Response.WriteAsJsonAsync(
                    new ApiError($"Rate limit exceeded: an API key may send {requestsPerSecond} requests per second here. Retry after {seconds} s.", "TooManyRequestsError"),
                    SightlineJson.Default.ApiError, cancellationToken: ct);
            };
        });
    }

    /// <summary>
    /// <c>GET /api/public/projects</c>, which SDKs call to check their keys (Langfuse never limits it either): a client
    /// told to slow down must still be able to tell a limit from wrong credentials.
    /// </summary>
    private static bool IsAuthCheck(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.Equals("/api/public/projects", StringComparison.OrdinalIgnoreCase);

    /// <summary>Applies the limit; call after authentication, so the key is known.</summary>
    public static IApplicationBuilder UseApiKeyRateLimit(this IApplicationBuilder app) => app.UseRateLimiter();
}
