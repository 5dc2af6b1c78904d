using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Sightline.Auth;

/// <summary>The project a request acts on, taken from its API key (never from the client).</summary>
public sealed record CallerProject(string ProjectId, string OrganizationId, AccessLevel Access)
{
    public static ValueTask<CallerProject?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var user = context.User;
        var projectId = user.FindFirstValue(SightlineClaims.ProjectId);
        var orgId = user.FindFirstValue(SightlineClaims.OrganizationId);
        if (projectId is null || orgId is null || CallerAccess.Of(user) is not { } level)
        {
            // Only reachable when an endpoint forgot its project-key policy: fail closed.
            throw new InvalidOperationException($"{parameter.Name}: endpoint has no project-key authorization policy");
        }

        return ValueTask.FromResult<CallerProject?>(new CallerProject(projectId, orgId, level));
    }
}
