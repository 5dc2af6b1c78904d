using System.Globalization;
using System.Text;
using Sightline.Ingestion;

namespace Sightline.Bench;

internal static class BenchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = FindRepositoryRoot();
        var report = Path.Combine(root, "docs", "benchmarks.md");
        switch (args.FirstOrDefault())
        {
            case "startup":
                var startup = await StartupBenchmark.RunAsync(root, Argument(args, 1, 7, 1, 100));
                Console.WriteLine(startup);
                ReportFile.WriteSection(report, "startup", startup);
                return 0;
            case "ingest":
                // Bounded: at most ten minutes per process and 256 clients.
                var ingest = await IngestBenchmark.RunAsync(root, Argument(args, 1, 20, 1, 600), Argument(args, 2, 8, 1, 256));
                Console.WriteLine(ingest);
                ReportFile.WriteSection(report, "ingest", ingest);
                return 0;
            case "ingest-scale":
                // Bounded like ingest: at most ten minutes per phase and 256 clients.
                var scale = await ScaleIngestBenchmark.RunAsync(root, Argument(args, 1, 20, 1, 600), Argument(args, 2, 8, 1, 256));
                Console.WriteLine(scale);
                ReportFile.WriteSection(report, "ingest-scale", scale);
                return 0;
            case "worker":
                // Bounded: at most 2,000 batches of at most 480 records (96 million events).
                var worker = await WorkerBenchmark.RunAsync(Argument(args, 1, 125, 1, 2000), Argument(args, 2, IngestionOptions.EmbeddedWorkerBatchRecords, 1, 480));
                Console.WriteLine(worker);
                ReportFile.WriteSection(report, "worker", worker);
                return 0;
            case "prompts":
                // Bounded: at most ten minutes per phase.
                var prompts = await PromptBenchmark.RunAsync(root, Argument(args, 1, 60, 5, 600));
                Console.WriteLine(prompts);
                ReportFile.WriteSection(report, "prompts", prompts);
                return 0;
            case "reads":
                // Bounded: at most ten million traces (a hundred million observations).
                var reads = await ReadsBenchmark.RunAsync(root, Argument(args, 1, 1_000_000, 10_000, 10_000_000));
                Console.WriteLine(reads);
                ReportFile.WriteSection(report, "reads", reads);
                return 0;
            default:
                Console.Error.WriteLine("usage: bench/run.sh startup [runs] | bench/run.sh ingest [seconds] [clients] | bench/run.sh ingest-scale [seconds] [clients] | bench/run.sh prompts [seconds] | bench/run.sh worker [batches] [records per batch] | bench/run.sh reads [traces]");
                return 2;
        }
    }

    private static int Argument(string[] args, int index, int fallback, int min, int max) =>
        args.Length > index && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, min, max) : fallback;

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
