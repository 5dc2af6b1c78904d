namespace Sightline.Auth;

internal static class SightlineClaims
{
    public const string AccessLevel = "sightline:access";
    public const string ProjectId = "sightline:project";
    public const string OrganizationId = "sightline:organization";
    public const string KeyId = "sightline:key";
    public const string PublicKey = "sightline:public-key";
}
