using System.Globalization;
using Microsoft.AspNetCore.Authorization;

namespace Sightline.Auth;

/// <summary>
/// Allows callers whose access level is one of <see cref="Allowed"/>. Routes where Langfuse words the refusal its
/// own way pass <paramref name="deniedFormat"/>, with <c>{0}</c> standing for the request method.
/// </summary>
internal sealed class AccessRequirement(AccessLevel[] allowed, string? deniedFormat = null)
    : AuthorizationHandler<AccessRequirement>, IAuthorizationRequirement
{
    public IReadOnlyList<AccessLevel> Allowed { get; } = allowed;

    /// <summary>Langfuse's wording for each kind of caller that reaches a route it may not use.</summary>
    public string DeniedMessage(AccessLevel? caller, string method) => caller switch
    {
        _ when deniedFormat is not null => string.Format(CultureInfo.InvariantCulture, deniedFormat, method),
        AccessLevel.Organization when Allowed.Contains(AccessLevel.Project) =>
            "Project ID not found for API token. Are you using an organization key?",
        AccessLevel.Scores when Allowed.Contains(AccessLevel.Project) =>
            "Access denied - insufficient permissions for this endpoint. Use basic auth with the public and secret key.",
        AccessLevel.Project when Allowed.Contains(AccessLevel.Organization) =>
            "Invalid API key. Organization-scoped API key required for this operation.",
        _ when Allowed.SequenceEqual([AccessLevel.Admin]) =>
            "Access denied: this endpoint requires ADMIN_API_KEY as a Bearer token.",
        _ => "Access denied - insufficient permissions for this endpoint",
    };

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRequirement requirement)
    {
        if (CallerAccess.Of(context.User) is { } level && requirement.Allowed.Contains(level))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
