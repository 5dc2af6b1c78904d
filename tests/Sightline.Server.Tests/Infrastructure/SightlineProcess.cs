using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Sightline.Server.Tests.Infrastructure;

/// <summary>
/// The real server binary, started as its own process on a free loopback port with its own data directory.
/// Tests talk to it over HTTP exactly as an SDK would.
/// </summary>
public sealed class SightlineProcess : IAsyncDisposable
{
    private static readonly string[] InheritedVariablesToDrop =
    [
        "DATABASE_URL", "DATABASE_HOST", "CLICKHOUSE_URL", "REDIS_CONNECTION_STRING", "REDIS_HOST", "SALT", "ENCRYPTION_KEY",
        "ADMIN_API_KEY", "PORT", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "SIGHTLINE_DATA_DIR", "LOG_FORMAT",
    ];

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly bool _ownsDataDirectory;

    private SightlineProcess(Process process, string dataDirectory, int port, bool ownsDataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
        Port = port;
        _ownsDataDirectory = ownsDataDirectory;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public Uri BaseAddress { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    public string StandardOutput { get { lock (_stdout) { return _stdout.ToString(); } } }
    public string StandardError { get { lock (_stderr) { return _stderr.ToString(); } } }

    public static string NewDataDirectory() => Directory.CreateTempSubdirectory("sightline-test-").FullName;

    /// <summary>Starts the server and waits until health answers 200; fails with the server's output otherwise.</summary>
    public static async Task<SightlineProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null, string? dataDirectory = null, params string[] args)
    {
        var server = Launch(environment, dataDirectory, args);
        try
        {
            await server.WaitHealthyAsync(TimeSpan.FromSeconds(60));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server expecting it to refuse; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExitAsync(IReadOnlyDictionary<string, string> environment, string? dataDirectory = null, params string[] args)
    {
        await using var server = Launch(environment, dataDirectory, args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await server._process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"The server kept running although it was expected to refuse to start.\nstdout:\n{server.StandardOutput}\nstderr:\n{server.StandardError}");
        }

        server._process.WaitForExit(); // flushes the asynchronous output readers
        return (server._process.ExitCode, server.StandardOutput, server.StandardError);
    }

    public HttpClient CreateClient(string? publicKey = null, string? secretKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (publicKey is not null && secretKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = Basic(publicKey, secretKey);
        }

        return client;
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    /// <summary>Ends the process at once, as kill -9 would: nothing gets to flush or clean up.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }

    private static SightlineProcess Launch(IReadOnlyDictionary<string, string>? environment, string? dataDirectory, string[] args)
    {
        var serverDll = Path.Combine(AppContext.BaseDirectory, "Sightline.Server.dll");
        if (!File.Exists(serverDll))
        {
            throw new FileNotFoundException("The server binary is missing next to the tests; build the solution first.", serverDll);
        }

        var ownsDirectory = dataDirectory is null;
        dataDirectory ??= NewDataDirectory();
        var urlsIndex = Array.IndexOf(args, "--urls");
        var port = urlsIndex >= 0 ? new Uri(args[urlsIndex + 1].Split(';')[0]).Port : FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        info.ArgumentList.Add(serverDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in InheritedVariablesToDrop)
        {
            info.Environment.Remove(name);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("LANGFUSE_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["SIGHTLINE_DATA_DIR"] = dataDirectory;
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        return new SightlineProcess(process, dataDirectory, port, ownsDirectory);
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = CreateClient();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} during start.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
            }

            try
            {
                using var response = await client.GetAsync("/api/public/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"The server did not become healthy within {timeout}.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }
}
