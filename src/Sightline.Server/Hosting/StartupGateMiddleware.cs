using Sightline.Api;
using Sightline.Health;

namespace Sightline.Server.Hosting;

/// <summary>Answers 503 with Retry-After while storage is still being prepared at start.</summary>
internal sealed class StartupGateMiddleware(RequestDelegate next, StartupGate gate)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (gate.IsOpen)
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        return context.Response.WriteAsJsonAsync(new ApiError("Sightline is starting; retry in a moment.", "ServiceUnavailableError"), SightlineJson.Default.ApiError, cancellationToken: context.RequestAborted);
    }
}
