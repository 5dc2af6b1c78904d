using System.Diagnostics;

namespace Sightline.Deploy.Tests;

/// <summary>An external command (helm, docker-compose, bash), run to completion with its output captured.</summary>
internal sealed record Tool(string Path)
{
    public static Tool Helm => Find("SIGHTLINE_TEST_HELM", "helm");
    public static Tool Compose => Find("SIGHTLINE_TEST_COMPOSE", "docker-compose");

    public async Task<ToolResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repository.Root,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // A null value removes an inherited variable, so the machine's environment cannot leak into a render.
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{Path} did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The tool ./test.sh installed (eng/test-deploy-tools.sh), else one on PATH; a clear failure otherwise.</summary>
    private static Tool Find(string variable, string name)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured)
        {
            return new Tool(configured);
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
        return onPath is not null
            ? new Tool(onPath)
            : throw new InvalidOperationException($"{name} is not installed and {variable} is not set: run ./test.sh, or eng/test-deploy-tools.sh {(name == "helm" ? "helm" : "compose")} and set {variable} to the path it prints.");
    }
}
