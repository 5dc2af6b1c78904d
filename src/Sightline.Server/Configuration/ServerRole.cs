namespace Sightline.Server.Configuration;

internal enum ServerRole
{
    All,
    Web,
    Worker,
}
