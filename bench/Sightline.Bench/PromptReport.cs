using System.Globalization;
using System.Text;

namespace Sightline.Bench;

/// <summary>The prompt benchmark's section of docs/benchmarks.md.</summary>
internal sealed class PromptReport(PromptPhases s, PromptPhases f, IngestMeasurement maxIngestion, double ingestRate, int batchBytes, int seconds, (double Before, double After) machineLoad)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Render()
    {
        var sb = new StringBuilder();
        var maxBatches = maxIngestion.SucceededPerSecond;
        sb.AppendLine("## Prompt fetch latency");
        sb.AppendLine();
        sb.AppendLine(Inv, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd} on {Environment.ProcessorCount} cores (load generator on the same machine), {seconds} s per phase.");
        sb.AppendLine(Inv, $"The machine's one-minute load average was {machineLoad.Before:0.0} when the run started and {machineLoad.After:0.0} when it ended ({Environment.ProcessorCount} cores; other work on the machine counts too).");
        sb.AppendLine(Inv, $"Open loop: `GET /api/public/v2/prompts/{{name}}?label=production` is scheduled at a fixed {PromptBenchmark.FetchRate:0} requests/s whatever the earlier requests did, and each latency runs from the request's scheduled send time until its response body is read, so a stall shows as the queue of late requests behind it rather than as a pause in the load.");
        sb.AppendLine(Inv, $"Settings: {PromptBenchmark.Settings}. Percentiles are over the successful requests; every other request is counted under errors.");
        sb.AppendLine();
        sb.AppendLine(Inv, $"Sightline (Basic auth with a project key) serves two chat prompts in a folder, alternately: `{PromptSetup.Plain}` (system message with a knowledge-base instruction, a `history` placeholder, a user message with five variables, a model config; version 1 labelled production, version 2 staging; {s.PlainBytes} bytes) and `{PromptSetup.Composed}` (the same, with its system message starting with a reference to the text prompt `support/tone-of-voice`, resolved on fetch; {s.ComposedBytes} bytes).");
        sb.AppendLine("Sightline answers a warm fetch from its resolved-prompt cache (response bodies keyed by project, name and label, dropped on every prompt write); the warm-up fills it, so the phases measure the cached path, which is what an SDK's repeated fetches hit.");
        sb.AppendLine(Inv, $"The floor (`bench/Sightline.Bench.Floor`) answers the same path with a constant JSON body of {f.PlainBytes} bytes: routing and writing the response, without auth, lookup or serialisation.");
        sb.AppendLine(Inv, $"Under ingestion: Sightline's maximum ingestion rate was measured first on a fresh process ({PromptBenchmark.BurstClients} closed-loop clients, {PromptBenchmark.Burst.TotalSeconds:0} s of the ingestion benchmark's {IngestBatch.BatchSize}-event batches of {batchBytes / 1024.0:0} KB): {maxBatches:0.0} batches/s ({maxBatches * IngestBatch.BatchSize:0} events/s).");
        sb.AppendLine(Inv, $"Half of that, {ingestRate:0} batches/s ({ingestRate * IngestBatch.BatchSize:0} events/s), was sent open loop to `POST /api/public/ingestion` throughout the loaded phase; the floor got the same request rate at its parse-only ingestion route. Sightline ran first, then the floor.");
        sb.AppendLine("The burst rate is how fast Sightline acknowledges batches (once they are in its event log); its worker stores them afterwards, on the same cores, so during the loaded phase the fetches compete with both the ingestion requests and the worker.");
        sb.AppendLine();
        sb.AppendLine("| process | phase | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | p99 × floor | achieved req/s | errors | generator send lag p99 (ms) |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        Row(sb, "Sightline", "alone", s.Alone, f.Alone);
        Row(sb, "Sightline", "under ingestion", s.UnderLoad, f.UnderLoad);
        Row(sb, "floor", "alone", f.Alone, f.Alone);
        Row(sb, "floor", "under ingestion", f.UnderLoad, f.UnderLoad);
        sb.AppendLine();
        sb.AppendLine("| ingestion load | target batches/s | achieved batches/s | p50 (ms) | p99 (ms) | errors |");
        sb.AppendLine("|---|---|---|---|---|---|");
        IngestionRow(sb, "into Sightline", s.Ingestion);
        IngestionRow(sb, "into the floor", f.Ingestion);
        sb.AppendLine();

        var aloneRatio = s.Alone.P99 / f.Alone.P99;
        var loadedRatio = s.UnderLoad.P99 / f.UnderLoad.P99;
        var errors = s.Alone.Errors + s.UnderLoad.Errors;
        var goals = new List<(string Measure, string Result, string Goal, bool Met, string Shortfall)>
        {
            ("p99 alone", Ms(s.Alone.P99), $"≤ {PromptBenchmark.AloneGoalMs:0} ms", s.Alone.P99 <= PromptBenchmark.AloneGoalMs, $"p99 alone is {Ms(s.Alone.P99)}, above {PromptBenchmark.AloneGoalMs:0} ms"),
            ("p99 under ingestion", Ms(s.UnderLoad.P99), $"≤ {PromptBenchmark.UnderLoadGoalMs:0} ms", s.UnderLoad.P99 <= PromptBenchmark.UnderLoadGoalMs, $"p99 under ingestion is {Ms(s.UnderLoad.P99)}, above {PromptBenchmark.UnderLoadGoalMs:0} ms"),
            ("p99 alone ÷ floor alone", Ratio(aloneRatio), $"≤ {PromptBenchmark.FloorRatioGoal:0}×", aloneRatio <= PromptBenchmark.FloorRatioGoal, $"p99 alone is {Ratio(aloneRatio)} the floor's, above {PromptBenchmark.FloorRatioGoal:0}×"),
            ("p99 under ingestion ÷ floor under ingestion", Ratio(loadedRatio), $"≤ {PromptBenchmark.FloorRatioGoal:0}×", loadedRatio <= PromptBenchmark.FloorRatioGoal, $"p99 under ingestion is {Ratio(loadedRatio)} the floor's, above {PromptBenchmark.FloorRatioGoal:0}×"),
            ("failed fetches (both phases)", errors.ToString(Inv), "0", errors == 0, $"{errors} fetches failed"),
        };
        sb.AppendLine("| measure | result | goal | met |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var g in goals)
        {
            sb.AppendLine(Inv, $"| {g.Measure} | {g.Result} | {g.Goal} | {(g.Met ? "yes" : "**no**")} |");
        }

        sb.AppendLine(Inv, $"| p50 / p99.9 ÷ floor, alone | {Ratio(s.Alone.P50 / f.Alone.P50)} / {Ratio(s.Alone.P999 / f.Alone.P999)} | — | — |");
        sb.AppendLine(Inv, $"| p50 / p99.9 ÷ floor, under ingestion | {Ratio(s.UnderLoad.P50 / f.UnderLoad.P50)} / {Ratio(s.UnderLoad.P999 / f.UnderLoad.P999)} | — | — |");
        sb.AppendLine(Inv, $"| Sightline CPU alone / under ingestion (cores busy, of {Environment.ProcessorCount}) | {s.CoresAlone:0.00} / {s.CoresUnderLoad:0.00} (floor {f.CoresAlone:0.00} / {f.CoresUnderLoad:0.00}) | — | — |");
        sb.AppendLine(Inv, $"| Sightline peak RSS alone / under ingestion (MB) | {s.PeakRssAloneMegabytes:0} / {s.PeakRssUnderLoadMegabytes:0} (floor {f.PeakRssAloneMegabytes:0} / {f.PeakRssUnderLoadMegabytes:0}) | — | — |");
        sb.AppendLine();
        var shortfalls = goals.Where(g => !g.Met).Select(g => g.Shortfall).ToList();
        sb.AppendLine(shortfalls.Count == 0
            ? "All goals are met in this run."
            : $"Short of the goals in this run: {string.Join("; ", shortfalls)}.");
        sb.AppendLine("The load generator, both servers' ingestion work and any other work on the machine share the same cores, so absolute figures move from run to run; the ratios to the floor, measured the same way in the same run, are the figures to compare. The generator's send lag is part of every latency above: it is how late the scheduler thread itself got to send.");
        sb.AppendLine();
        sb.AppendLine(Inv, $"Command: `bench/run.sh prompts {seconds}` (default 60 s per phase; builds Release, then runs `dotnet artifacts/bin/…/Sightline.Server.dll` on a free loopback port with a temporary `SIGHTLINE_DATA_DIR`).");
        return sb.ToString();
    }

    private static string Ms(double ms) => string.Create(Inv, $"{ms:0.00} ms");

    private static string Ratio(double ratio) => string.Create(Inv, $"{ratio:0.0}×");

    private static void Row(StringBuilder sb, string process, string phase, OpenLoopResult r, OpenLoopResult floor) =>
        sb.AppendLine(Inv, $"| {process} | {phase} | {r.P50:0.00} | {r.P99:0.00} | {r.P999:0.00} | {r.Max:0.0} | {r.P99 / floor.P99:0.0} | {r.SucceededPerSecond:0} | {r.DescribeErrors()} | {r.SendLagP99:0.00} |");

    private static void IngestionRow(StringBuilder sb, string target, OpenLoopResult r) =>
        sb.AppendLine(Inv, $"| {target} | {r.Scheduled / r.Duration.TotalSeconds:0} | {r.SucceededPerSecond:0.0} | {r.P50:0.0} | {r.P99:0.0} | {r.DescribeErrors()} |");
}
