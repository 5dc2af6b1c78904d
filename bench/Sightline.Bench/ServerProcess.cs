using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Sightline.Bench;

/// <summary>
/// A benchmarked server (Sightline or the floor) started with <c>dotnet &lt;dll&gt; [arguments]</c> on a free loopback
/// port with <c>SIGHTLINE_DATA_DIR</c> pointing at <paramref name="dataDir"/>; its output is read and dropped.
/// Disposing kills it.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan HealthyWithin = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _name;
    private readonly long _started;

    private ServerProcess(string dll, string dataDir, IReadOnlyDictionary<string, string>? environment, IReadOnlyList<string> arguments)
    {
        _name = string.Join(' ', [Path.GetFileName(dll), .. arguments]);
        Port = FreePort();
        var info = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDir,
        };
        info.Environment["PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        info.Environment["SIGHTLINE_DATA_DIR"] = dataDir;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        _started = Stopwatch.GetTimestamp();
        _process = Process.Start(info) ?? throw new InvalidOperationException($"{_name} did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    public int Pid => _process.Id;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public static ServerProcess Start(string dll, string dataDir, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments) =>
        new(dll, dataDir, environment, arguments);

    /// <summary>Polls <c>GET /api/public/health</c> until it answers 200; returns the time since the process started.</summary>
    public async Task<TimeSpan> WaitHealthyAsync(TimeSpan pollInterval)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (_process.HasExited || Stopwatch.GetElapsedTime(_started) > HealthyWithin)
            {
                throw new InvalidOperationException($"{_name} did not become healthy");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/api/public/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return Stopwatch.GetElapsedTime(_started);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(pollInterval);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
