using System.Diagnostics;
using System.Reflection;

namespace Sightline.Server.Tests.Infrastructure;

/// <summary>
/// A Redis server of one test's own, started with <c>eng/test-redis.sh</c> (so configured as the shared one: append-only
/// file fsynced on every write, noeviction), which the test may restart without disturbing the other tests.
/// </summary>
public sealed class DedicatedRedis : IAsyncDisposable
{
    private readonly string _directory;

    private DedicatedRedis(string directory, string url)
    {
        _directory = directory;
        Url = url;
    }

    public string Url { get; }

    public static async Task<DedicatedRedis> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("sightline-redis-").FullName;
        var url = (await ScriptAsync("start", directory)).Trim();
        return new DedicatedRedis(directory, url);
    }

    /// <summary>Stops the server (SIGTERM, as a service manager would) and starts it again on the same port and files.</summary>
    public Task RestartAsync() => ScriptAsync("restart", _directory);

    public async ValueTask DisposeAsync()
    {
        await ScriptAsync("stop", _directory);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private static async Task<string> ScriptAsync(string command, string directory)
    {
        var info = new ProcessStartInfo(Path.Combine(RepositoryRoot(), "eng", "test-redis.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(command);
        info.ArgumentList.Add(directory);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("eng/test-redis.sh did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"eng/test-redis.sh {command} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }

    private static string RepositoryRoot() =>
        typeof(DedicatedRedis).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SightlineRepositoryRoot")?.Value is { } root && File.Exists(Path.Combine(root, "Sightline.slnx"))
            ? root
            : throw new InvalidOperationException("Cannot find the repository (Sightline.slnx) recorded at build time.");
}
