using System.Globalization;
using System.Text;

namespace Sightline.Bench;

internal static class BenchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = FindRepositoryRoot();
        var runs = args.Length > 1 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 7;
        switch (args.FirstOrDefault())
        {
            case "startup":
                var report = await StartupBenchmark.RunAsync(root, runs);
                Console.WriteLine(report);
                ReportFile.WriteSection(Path.Combine(root, "docs", "benchmarks.md"), "startup", report);
                return 0;
            default:
                Console.Error.WriteLine("usage: bench/run.sh startup [runs]");
                return 2;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sightline.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}
