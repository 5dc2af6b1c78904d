using System.Security.Claims;

namespace Sightline.Auth;

internal static class CallerAccess
{
    public static AccessLevel? Of(ClaimsPrincipal user) =>
        Enum.TryParse<AccessLevel>(user.FindFirstValue(SightlineClaims.AccessLevel), out var level) ? level : null;
}
