using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sightline.Bench;

/// <summary>
/// Time from process start to the first 200 from <c>/api/public/health</c>, and resident memory after a few
/// seconds idle, for Sightline (first start on an empty data directory, and a restart on an existing one) and for
/// the floor app measured in the same run, so the ratios hold on a noisy machine.
/// </summary>
internal static class StartupBenchmark
{
    private static readonly TimeSpan IdleBeforeRss = TimeSpan.FromSeconds(5);

    public static async Task<string> RunAsync(string root, int runs)
    {
        var server = Path.Combine(root, "artifacts", "bin", "Sightline.Server", "release", "Sightline.Server.dll");
        var floor = Path.Combine(root, "artifacts", "bin", "Sightline.Bench.Floor", "release", "Sightline.Bench.Floor.dll");
        foreach (var dll in new[] { server, floor })
        {
            if (!File.Exists(dll))
            {
                throw new FileNotFoundException("Build first: dotnet build Sightline.slnx -c Release", dll);
            }
        }

        var fresh = new List<Sample>();
        var warm = new List<Sample>();
        var baseline = new List<Sample>();
        for (var i = 0; i < runs; i++)
        {
            // Interleaved, so drift in machine load hits all three alike.
            var dataDir = Directory.CreateTempSubdirectory("sightline-bench-").FullName;
            fresh.Add(await MeasureAsync(server, dataDir));
            warm.Add(await MeasureAsync(server, dataDir));
            baseline.Add(await MeasureAsync(floor, dataDir));
            Directory.Delete(dataDir, recursive: true);
        }

        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine("## Start-up time and idle memory");
        sb.AppendLine();
        sb.AppendLine(inv, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd} on {Environment.ProcessorCount} cores, {runs} interleaved runs each, medians (min–max).");
        sb.AppendLine(inv, $"Time to healthy: process start until `GET /api/public/health` first answers 200. Idle RSS: resident memory {IdleBeforeRss.TotalSeconds:0} s after that.");
        sb.AppendLine("The floor is the smallest ASP.NET Core app answering the same route (`bench/Sightline.Bench.Floor`).");
        sb.AppendLine();
        sb.AppendLine("RSS splits into file-backed pages (code and data of shared libraries and assemblies, which the kernel can drop and read again) and private pages (anonymous memory and the JIT's shared-memory code mapping), the part only this process can free.");
        sb.AppendLine();
        sb.AppendLine("| process | time to healthy (ms) | × floor | idle RSS (MB) | × floor | of which file-backed / private (MB) | goal |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        Row(sb, "Sightline, first start (empty data dir)", fresh, baseline, "≤ 2000 ms, ≤ 120 MB");
        Row(sb, "Sightline, restart (existing data dir)", warm, baseline, "≤ 2000 ms, ≤ 120 MB");
        Row(sb, "floor", baseline, baseline, "—");
        sb.AppendLine();
        sb.AppendLine("Command: `bench/run.sh startup` (builds Release, then runs `dotnet artifacts/bin/…/Sightline.Server.dll`).");
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string name, List<Sample> samples, List<Sample> floor, string goal)
    {
        var inv = CultureInfo.InvariantCulture;
        var ms = samples.Select(s => s.Milliseconds).Order().ToList();
        var rss = samples.Select(s => s.RssMegabytes).Order().ToList();
        var floorMs = Median(floor.Select(s => s.Milliseconds).Order().ToList());
        var floorRss = Median(floor.Select(s => s.RssMegabytes).Order().ToList());
        var file = Median(samples.Select(s => s.FileMegabytes).Order().ToList());
        var owned = Median(samples.Select(s => s.RssMegabytes - s.FileMegabytes).Order().ToList());
        sb.AppendLine(inv, $"| {name} | {Median(ms):0} ({ms[0]:0}–{ms[^1]:0}) | {Median(ms) / floorMs:0.0} | {Median(rss):0} ({rss[0]:0}–{rss[^1]:0}) | {Median(rss) / floorRss:0.0} | {file:0} / {owned:0} | {goal} |");
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static async Task<Sample> MeasureAsync(string dll, string dataDir)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDir,
        };
        info.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["SIGHTLINE_DATA_DIR"] = dataDir;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            while (true)
            {
                if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new InvalidOperationException($"{Path.GetFileName(dll)} did not become healthy");
                }

                try
                {
                    using var response = await client.GetAsync("/api/public/health");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(5);
            }

            var elapsed = clock.Elapsed.TotalMilliseconds;
            await Task.Delay(IdleBeforeRss);
            return new Sample(elapsed, StatusMegabytes(process.Id, "VmRSS:"), StatusMegabytes(process.Id, "RssFile:"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    internal static double ResidentMegabytes(int pid) => StatusMegabytes(pid, "VmRSS:");

    /// <summary>A kB figure of <c>/proc/&lt;pid&gt;/status</c> (VmRSS, RssFile, RssAnon, RssShmem) in MB.</summary>
    private static double StatusMegabytes(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var kb = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                return kb / 1024;
            }
        }

        return double.NaN;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Sample(double Milliseconds, double RssMegabytes, double FileMegabytes);
}
