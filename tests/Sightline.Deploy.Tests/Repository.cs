using System.Reflection;

namespace Sightline.Deploy.Tests;

/// <summary>Paths of the deployment files, from the repository root recorded at build time.</summary>
internal static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SightlineRepositoryRoot").Value!;

    public static string Dockerfile => Path.Combine(Root, "Dockerfile");
    public static string DockerIgnore => Path.Combine(Root, ".dockerignore");
    public static string Compose => Path.Combine(Root, "deploy", "compose.yaml");
    public static string ComposeScale => Path.Combine(Root, "deploy", "compose.scale.yaml");
    public static string EnvExample => Path.Combine(Root, "deploy", ".env.example");
    public static string Chart => Path.Combine(Root, "deploy", "helm", "sightline");

    public static string Read(string path) => File.ReadAllText(path);
}
