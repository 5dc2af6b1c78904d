using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sightline.Health;

namespace Sightline.Ingestion;

/// <summary>
/// Consumes the event log: decode, merge, write, then acknowledge. A failed write is retried with backoff and never
/// acknowledged, so nothing acknowledged to an SDK is dropped; a crash replays from the last acknowledgement.
/// </summary>
internal sealed class IngestionWorker(
    IEventLogConsumer consumer,
    IngestionProcessor processor,
    IngestionOptions options,
    StartupGate gate,
    ILogger<IngestionWorker> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await gate.WhenOpen.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var batch = await consumer.ReadAsync(options.WorkerBatchRecords, options.WorkerPollInterval, stoppingToken);
            if (batch.Records.Count == 0)
            {
                continue;
            }

            var records = new List<IngestionRecord>(batch.Records.Count);
            foreach (var bytes in batch.Records)
            {
                if (IngestionRecord.Decode(bytes) is { } record)
                {
                    records.Add(record);
                }
                else
                {
                    logger.UnreadableRecord(bytes.Length);
                }
            }

            await ProcessWithRetryAsync(records, stoppingToken);
            await consumer.AcknowledgeAsync(batch, stoppingToken);
        }
    }

    private async Task ProcessWithRetryAsync(List<IngestionRecord> records, CancellationToken ct)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var written = await processor.ProcessAsync(records, ct);
                logger.BatchWritten(records.Count, written.Traces.Count, written.Observations.Count, written.Scores.Count);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.BatchFailed(ex, attempt, backoff.TotalMilliseconds);
                await Task.Delay(backoff, ct);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }
}
