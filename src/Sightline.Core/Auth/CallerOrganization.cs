using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Sightline.Auth;

/// <summary>The organization an organization-scoped API key belongs to.</summary>
public sealed record CallerOrganization(string OrganizationId, string KeyId)
{
    public static ValueTask<CallerOrganization?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var orgId = context.User.FindFirstValue(SightlineClaims.OrganizationId);
        var keyId = context.User.FindFirstValue(SightlineClaims.KeyId);
        if (orgId is null || keyId is null || CallerAccess.Of(context.User) != AccessLevel.Organization)
        {
            throw new InvalidOperationException($"{parameter.Name}: endpoint has no organization-key authorization policy");
        }

        return ValueTask.FromResult<CallerOrganization?>(new CallerOrganization(orgId, keyId));
    }
}
