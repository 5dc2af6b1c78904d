using System.Diagnostics;
using System.Globalization;

namespace Sightline.Storage.Local.Tests;

/// <summary>A tmpfs of a few pages, to make writes fail with ENOSPC for real.</summary>
internal sealed class SmallTmpfs : IAsyncDisposable
{
    private readonly TempDirectory _mountPoint = new();

    private SmallTmpfs()
    {
    }

    public string Path => _mountPoint.Path;

    public static async Task<SmallTmpfs> MountAsync(int kibibytes)
    {
        var tmpfs = new SmallTmpfs();
        await RunAsync("mount", "-t", "tmpfs", "-o", string.Create(CultureInfo.InvariantCulture, $"size={kibibytes}k"), "tmpfs", tmpfs.Path);
        return tmpfs;
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync("umount", Path);
        _mountPoint.Dispose();
    }

    private static async Task RunAsync(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed ({process.ExitCode}): {error}");
        }
    }
}
