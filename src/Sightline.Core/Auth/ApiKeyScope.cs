namespace Sightline.Auth;

public enum ApiKeyScope
{
    Project,
    Organization,
}
