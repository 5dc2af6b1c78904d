using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;

namespace Sightline.Storage.DuckDb.Tests;

public sealed class DuckDbThreadPriorityTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Open_OnLinux_DuckDbsOwnThreadsRunAtLoweredPriority()
    {
        await using var database = new DuckDbDatabase(
            Path.Combine(_directory.Path, "analytics.duckdb"), new DuckDbOptions { Threads = 3 }, TimeProvider.System, NullLogger<DuckDbDatabase>.Instance);
        var callerNice = NativeThreadPriority.CurrentThreadNice();

        Assert.Equal(42, await database.WriteAsync(_ => Task.FromResult(42), CancellationToken.None));
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // DuckDB's threads carry the name of the thread that started them, and its nice value.
        var duckDbThreads = Directory.GetDirectories("/proc/self/task")
            .Select(ReadThread)
            .Where(t => t?.Name == DuckDbDatabase.OpenerThreadName)
            .Select(t => t!.Value)
            .ToList();
        Assert.True(duckDbThreads.Count >= 2, $"expected DuckDB's 2 background threads, found {duckDbThreads.Count}");
        Assert.All(duckDbThreads, t => Assert.Equal(Math.Min(19, callerNice!.Value + DuckDbDatabase.BackgroundThreadNice), t.Nice));
        Assert.Equal(callerNice, NativeThreadPriority.CurrentThreadNice());
    }

    public void Dispose() => _directory.Dispose();

    private static (string Name, int Nice)? ReadThread(string taskDirectory)
    {
        try
        {
            var name = File.ReadAllText(Path.Combine(taskDirectory, "comm")).TrimEnd('\n');
            var stat = File.ReadAllText(Path.Combine(taskDirectory, "stat"));
            // Fields after the parenthesised name start at field 3 (state); the nice value is field 19.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (name, int.Parse(fields[16], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            // The thread ended while it was being read.
            return null;
        }
    }
}
