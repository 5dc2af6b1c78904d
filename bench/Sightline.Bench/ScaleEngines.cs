using System.Diagnostics;
using System.Globalization;

namespace Sightline.Bench;

/// <summary>
/// The scale profile's four engines for one benchmark run, started on loopback by the test command's own scripts
/// (<c>eng/test-postgres.sh</c>, <c>test-redis.sh</c>, <c>test-s3.sh</c>, <c>test-clickhouse.sh</c>, which install
/// what is missing) under one temporary directory. Disposing stops every one of them and removes the directory; so
/// does Ctrl+C or a termination signal, since Redis runs as a daemon that would outlive this process.
/// </summary>
internal sealed class ScaleEngines : IAsyncDisposable
{
    private static readonly string[] Names = ["postgres", "redis", "s3", "clickhouse"];

    private readonly string _root;
    private readonly string _directory;
    private readonly Dictionary<string, string> _started = new(StringComparer.Ordinal);
    private readonly ConsoleCancelEventHandler _onCancel;
    private readonly EventHandler _onExit;
    private int _stopped;

    private ScaleEngines(string root)
    {
        _root = root;
        _directory = Directory.CreateTempSubdirectory("sightline-scale-bench-").FullName;
        // The PostgreSQL script runs the server as the postgres user, which must be able to reach its folder in here.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        _onCancel = (_, _) => Stop();
        _onExit = (_, _) => Stop();
        Console.CancelKeyPress += _onCancel;
        AppDomain.CurrentDomain.ProcessExit += _onExit;
    }

    /// <summary>PostgreSQL's admin connection string, in Npgsql's keyword form (Host, Port, Username, Password).</summary>
    public string Postgres => _started["postgres"];

    public string Redis => _started["redis"];

    public Uri S3 => new(_started["s3"]);

    public Uri ClickHouse => new(_started["clickhouse"]);

    /// <summary>The ClickHouse HTTP front's process (node with chDB inside), whose memory the benchmark reports.</summary>
    public int ClickHousePid => int.Parse(File.ReadAllText(Path.Combine(_directory, "clickhouse", "pid")).Trim(), CultureInfo.InvariantCulture);

    public static async Task<ScaleEngines> StartAsync(string root)
    {
        var engines = new ScaleEngines(root);
        try
        {
            foreach (var name in Names)
            {
                Console.Error.WriteLine($"Starting {name} (eng/test-{name}.sh)...");
                engines._started[name] = await engines.RunScriptAsync(name, "start");
            }

            return engines;
        }
        catch
        {
            await engines.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        Console.CancelKeyPress -= _onCancel;
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        Stop();
        return ValueTask.CompletedTask;
    }

    // Synchronous, so the signal handlers can run it; once only, whichever comes first.
    private void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        foreach (var name in Names.Reverse())
        {
            using var script = Script(name, "stop", captureOutput: false);
            script.WaitForExit();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not remove {_directory}: {ex.Message}");
        }
    }

    /// <summary>Runs a script and returns what it printed on stdout (the engine's connection value); its stderr passes through.</summary>
    private async Task<string> RunScriptAsync(string name, string command)
    {
        using var script = Script(name, command, captureOutput: true);
        var output = await script.StandardOutput.ReadToEndAsync();
        await script.WaitForExitAsync();
        return script.ExitCode == 0 && output.Trim() is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"eng/test-{name}.sh {command} failed with exit code {script.ExitCode}; its messages are above.");
    }

    private Process Script(string name, string command, bool captureOutput)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(_root, "eng", $"test-{name}.sh"), command, Path.Combine(_directory, name)])
        {
            RedirectStandardOutput = captureOutput,
            WorkingDirectory = _root,
        };
        return Process.Start(info) ?? throw new InvalidOperationException($"eng/test-{name}.sh did not start");
    }
}
