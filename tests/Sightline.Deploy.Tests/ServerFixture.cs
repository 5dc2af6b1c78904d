using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sightline.Deploy.Tests;

/// <summary>The real server binary in the embedded profile on a free loopback port, for the probe checks.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private Process? _process;
    private readonly StringBuilder _output = new();
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("sightline-deploy-server-").FullName;

    public int Port { get; } = FreePort();

    public HttpClient CreateClient() => new() { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _dataDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Sightline.Server.dll"));
        foreach (var key in info.Environment.Keys.Where(IsSightlineVariable).ToList())
        {
            info.Environment.Remove(key);
        }

        // As in the image: the Dockerfile's own variables, then this test's port and directory in place of 3000 and /data.
        foreach (var (key, value) in DockerfileTests.RuntimeEnvironment())
        {
            info.Environment[key] = value;
        }

        info.Environment["PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        info.Environment["SIGHTLINE_DATA_DIR"] = _dataDirectory;
        _process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = CreateClient();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await client.GetAsync(ServerRoutes.Health);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        lock (_output)
        {
            throw new InvalidOperationException($"The server did not become healthy:\n{_output}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsSightlineVariable(string name) =>
        name is "PORT" or "SALT" or "ENCRYPTION_KEY" or "ADMIN_API_KEY" or "LOG_FORMAT" or "NEXTAUTH_URL" or "ASPNETCORE_URLS"
        || name.StartsWith("DATABASE_", StringComparison.Ordinal) || name.StartsWith("CLICKHOUSE_", StringComparison.Ordinal)
        || name.StartsWith("REDIS_", StringComparison.Ordinal) || name.StartsWith("LANGFUSE_", StringComparison.Ordinal)
        || name.StartsWith("SIGHTLINE_", StringComparison.Ordinal);

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
