using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Sightline.Api;

namespace Sightline.Auth;

/// <summary>Writes Langfuse's 403 body (<c>{"message": …}</c>) instead of an empty forbidden response.</summary>
internal sealed class LangfuseAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var requirement = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<AccessRequirement>().FirstOrDefault();
            var message = requirement?.DeniedMessage(CallerAccess.Of(context.User), context.Request.Method) ?? "Access denied";
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new ApiError(message, "ForbiddenError"), SightlineJson.Default.ApiError, cancellationToken: context.RequestAborted);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
