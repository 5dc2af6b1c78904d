namespace Sightline.Bench;

/// <summary>The Release builds the benchmarks start: Sightline's server and the floor app.</summary>
internal sealed record BenchBinaries(string Server, string Floor)
{
    public static BenchBinaries Find(string root)
    {
        var binaries = new BenchBinaries(
            Path.Combine(root, "artifacts", "bin", "Sightline.Server", "release", "Sightline.Server.dll"),
            Path.Combine(root, "artifacts", "bin", "Sightline.Bench.Floor", "release", "Sightline.Bench.Floor.dll"));
        foreach (var dll in new[] { binaries.Server, binaries.Floor })
        {
            if (!File.Exists(dll))
            {
                throw new FileNotFoundException("Build first: dotnet build Sightline.slnx -c Release", dll);
            }
        }

        return binaries;
    }
}
