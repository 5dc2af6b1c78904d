using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Sightline.Auth;
using Sightline.Ingestion;
using Sightline.Media;
using Sightline.Projects;
using Sightline.Storage;
using Sightline.Storage.ClickHouse;
using Sightline.Storage.Sqlite;
using Sightline.Tracing;

namespace Sightline.Bench;

/// <summary>
/// The scale ingestion benchmark's baseline: the rows Sightline's worker writes for the benchmark's requests
/// (<see cref="RequestRows"/>), inserted by this process straight into the same ClickHouse endpoint through the
/// scale profile's own writer (the ClickHouse store's row formatting, one JSONEachRow INSERT per table, its HTTP
/// client), by as many concurrent loops as the load has clients, each writing the rows of
/// <see cref="IngestionOptions.WorkerBatchRecords"/> requests at a time, the worker's largest write. Nothing else
/// runs: no HTTP API, event log, queue, lookups, merges or locks. The rows go to a database of their own, counted
/// afterwards and then dropped.
/// </summary>
internal static class RawClickHouseInsert
{
    public const string Database = "sightline_raw";
    private const string ProjectId = "bench-project";

    public static async Task<RawInsertResult> MeasureAsync(Uri clickHouse, int frontPid, TimeSpan duration, int writers)
    {
        var dataDir = Directory.CreateTempSubdirectory("sightline-raw-bench-").FullName;
        try
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSightlineCore(new AdminApiOptions(), new BootstrapOptions(), new MediaOptions());
            // The merge that shapes the rows reads model prices from the metadata store, as the worker does.
            services.AddSqliteMetadata(Path.Combine(dataDir, "metadata.db"));
            services.AddClickHouseAnalytics(new ClickHouseOptions { Url = clickHouse, Database = Database });
            await using var provider = services.BuildServiceProvider();
            foreach (var initializer in provider.GetServices<IStorageInitializer>())
            {
                await initializer.InitializeAsync(CancellationToken.None);
            }

            var writer = provider.GetRequiredService<IAnalyticsWriter>();
            var rows = await RequestRows.MergeAsync(ActivatorUtilities.CreateInstance<IngestionProcessor>(provider, writer), ProjectId, CancellationToken.None);
            var requestsPerWrite = new IngestionOptions().WorkerBatchRecords;
            using var rss = RssSampler.Start(frontPid);
            var warmUp = await InsertAsync(writer, rows, requestsPerWrite, writers, IngestPhase.WarmUp);
            var measured = await InsertAsync(writer, rows, requestsPerWrite, writers, duration);
            var peak = await rss.StopAsync();

            var rowsPerWrite = requestsPerWrite * rows.RowsPerRequest;
            var latencies = measured.Latencies;
            var succeeded = latencies.Count;
            var expected = (long)(warmUp.Latencies.Count + succeeded) * requestsPerWrite * rows.ObservationsPerRequest;
            var stored = await ScalarAsync(clickHouse, $"SELECT count() FROM {Database}.observations");
            // A failed write may have stored some of its tables' rows, so only a run without failures must match exactly.
            if (warmUp.Failed + measured.Failed == 0 && stored != expected)
            {
                throw new InvalidOperationException($"Expected {expected} observation rows in {Database}, found {stored}");
            }

            await ScalarAsync(clickHouse, $"DROP DATABASE IF EXISTS {Database} SYNC");
            return new RawInsertResult(
                succeeded * (double)rowsPerWrite / measured.Elapsed.TotalSeconds,
                Percentiles.Of(latencies, 0.50),
                Percentiles.Of(latencies, 0.99),
                succeeded + measured.Failed,
                measured.Failed,
                warmUp.FirstError ?? measured.FirstError,
                peak,
                requestsPerWrite,
                rowsPerWrite,
                stored,
                expected);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>Writes batches of fresh rows from <paramref name="writers"/> loops until <paramref name="phase"/> ends; latencies are of successful writes.</summary>
    private static async Task<Phase> InsertAsync(IAnalyticsWriter writer, RequestRows rows, int requestsPerWrite, int writers, TimeSpan phase)
    {
        var clock = Stopwatch.StartNew();
        var perWriter = await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            var failed = 0;
            string? firstError = null;
            while (clock.Elapsed < phase)
            {
                var batch = rows.Next(requestsPerWrite);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await writer.WriteAsync(batch, CancellationToken.None);
                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // ClickHouse's own errors are the store's internal exception type; whatever failed is counted and shown.
                    failed++;
                    firstError ??= ex.Message;
                }
            }

            return (latencies, failed, firstError);
        })));
        return new Phase([.. perWriter.SelectMany(w => w.latencies)], perWriter.Sum(w => w.failed), perWriter.Select(w => w.firstError).FirstOrDefault(e => e is not null), clock.Elapsed);
    }

    /// <summary>Runs one statement over ClickHouse's HTTP interface and reads a number back (0 for none).</summary>
    private static async Task<long> ScalarAsync(Uri clickHouse, string sql)
    {
        using var http = new HttpClient();
        using var content = new StringContent(sql, Encoding.UTF8);
        using var response = await http.PostAsync(clickHouse, content);
        var text = (await response.Content.ReadAsStringAsync()).Trim();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"ClickHouse refused '{sql}': {text}");
        }

        return text.Length == 0 ? 0 : long.Parse(text, CultureInfo.InvariantCulture);
    }

    private sealed record Phase(List<double> Latencies, int Failed, string? FirstError, TimeSpan Elapsed);
}
