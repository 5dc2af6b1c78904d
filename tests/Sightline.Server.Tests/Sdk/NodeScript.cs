using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests.Sdk;

/// <summary>
/// Runs one scenario script of <c>tests/sdk-js</c> with node against the test server, under the caller's keys, and
/// returns the JSON line it prints. The npm packages must already be installed there (<c>./test.sh</c> runs
/// <c>npm ci</c>); a missing install fails the test instead of skipping it.
/// </summary>
internal static class NodeScript
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task<JsonElement> RunAsync(SightlineProcess server, Tenant tenant, string script, params string[] args)
    {
        var directory = ScriptsDirectory();
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            throw new InvalidOperationException(
                $"The JavaScript SDKs are not installed: {Path.Combine(directory, "node_modules")} is missing. Run `npm ci` in tests/sdk-js (./test.sh does it before the tests).");
        }

        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        info.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The SDKs read LANGFUSE_* and OTEL_* settings on their own; none from the developer's shell may leak in.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("LANGFUSE_", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        var baseUrl = server.BaseAddress.ToString().TrimEnd('/');
        info.Environment["LANGFUSE_BASE_URL"] = baseUrl;
        info.Environment["LANGFUSE_BASEURL"] = baseUrl;
        info.Environment["LANGFUSE_HOST"] = baseUrl;
        info.Environment["LANGFUSE_PUBLIC_KEY"] = tenant.PublicKey;
        info.Environment["LANGFUSE_SECRET_KEY"] = tenant.SecretKey;

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("node is not installed or not on PATH; ./test.sh installs it (apt-get install nodejs npm).", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                throw new TimeoutException($"node {script} did not finish within {Limit}.\nstderr:\n{await stderr}\nstdout:\n{await stdout}");
            }

            var (output, errors) = (await stdout, await stderr);
            Assert.True(process.ExitCode == 0, $"node {script} {string.Join(' ', args)} exited with {process.ExitCode}.\nstderr:\n{errors}\nstdout:\n{output}");
            var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            Assert.True(line is not null, $"node {script} printed nothing.\nstderr:\n{errors}");
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.Clone();
        }
    }

    /// <summary>
    /// tests/sdk-js of this checkout: found above the test binaries when they are built inside the repository, else
    /// at the source path recorded at build time (builds with an artifacts path outside the repository).
    /// </summary>
    private static string ScriptsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sightline.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "sdk-js");
            }
        }

        var recorded = typeof(NodeScript).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SightlineRepositoryRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "Sightline.slnx")))
        {
            return Path.Combine(Path.GetFullPath(recorded), "tests", "sdk-js");
        }

        throw new InvalidOperationException($"Cannot find the repository (Sightline.slnx) above {AppContext.BaseDirectory} or at '{recorded}'.");
    }
}
