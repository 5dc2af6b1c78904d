using System.Globalization;
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
        var (server, floor) = BenchBinaries.Find(root);
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
        await using var process = ServerProcess.Start(dll, dataDir);
        var elapsed = (await process.WaitHealthyAsync(TimeSpan.FromMilliseconds(5))).TotalMilliseconds;
        await Task.Delay(IdleBeforeRss);
        return new Sample(elapsed, ProcessMemory.ResidentMegabytes(process.Pid), ProcessMemory.FileBackedMegabytes(process.Pid));
    }

    private sealed record Sample(double Milliseconds, double RssMegabytes, double FileMegabytes);
}
