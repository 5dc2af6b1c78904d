namespace Sightline.Deploy.Tests;

/// <summary>The probe routes the deployment files name; <see cref="DockerfileTests"/> checks them on the real server.</summary>
internal static class ServerRoutes
{
    public const string Health = "/api/public/health";
    public const string Ready = "/api/public/ready";
}
