using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sightline.Common;
using Sightline.Health;

namespace Sightline.Ingestion;

/// <summary>
/// Consumes the event log: decode, merge, write, then acknowledge. A failed write is retried with backoff and never
/// acknowledged, so nothing acknowledged to an SDK is dropped; a crash replays from the last acknowledgement.
/// A batch that keeps failing is searched for poison events (<see cref="PoisonIsolation"/>), which go to the
/// dead-letter store so one bad event cannot stop every project's ingestion; a systemic failure is retried until
/// it clears, and health reports the stall meanwhile. An event log that cannot be read or acknowledged for a while
/// (its Redis restarting) is retried with backoff too, instead of stopping the worker.
/// </summary>
internal sealed class IngestionWorker(
    IEventLogConsumer consumer,
    IngestionProcessor processor,
    IDeadLetterStore deadLetters,
    IngestionWorkerStatus status,
    IngestionOptions options,
    StartupGate gate,
    ILogger<IngestionWorker> logger) : BackgroundService
{
    private const int AttemptsBeforeIsolation = 3;
    private static readonly TimeSpan InitialBackoff = TimeSpan.FromMilliseconds(100);
    // Short enough that a store coming back after an outage is written to within seconds; one failing request every
    // 5 s costs nothing.
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxLogBackoff = TimeSpan.FromSeconds(5);

    private TimeSpan _logBackoff = InitialBackoff;

    // The loop has a thread of its own: merging a batch and the DuckDB calls under it run synchronously for tens of
    // milliseconds at a time, and on pool threads they held back the requests queued behind them.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        DedicatedThread.RunAsync("Ingestion worker", () => RunAsync(stoppingToken));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await gate.WhenOpen.WaitAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await ConsumeOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            status.Stopped();
            logger.WorkerCrashed(ex);
            throw;
        }
    }

    private async Task ConsumeOnceAsync(CancellationToken ct)
    {
        EventLogBatch batch;
        try
        {
            batch = await consumer.ReadAsync(options.WorkerBatchRecords, options.WorkerPollInterval, ct);
            _logBackoff = InitialBackoff;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The log's engine is away (a Redis restart, say): nothing was taken from it, so wait and read again.
            await LogUnavailableAsync(ex, ct);
            return;
        }

        if (batch.Records.Count == 0)
        {
            return;
        }

        // Disposed after the acknowledgement: the records' bodies are views into the batch's bytes until then.
        using var decoded = new DecodedRecords();
        var records = decoded.Records;
        var deadLettered = 0;
        foreach (var bytes in batch.Records)
        {
            if (!decoded.TryAdd(bytes))
            {
                logger.UnreadableRecord(bytes.Length);
                await deadLetters.SaveAsync(new DeadLetter(null, "The record does not decode as an ingestion record", bytes), ct);
                deadLettered++;
            }
        }

        status.BatchStarted(records.Count > 0 ? records.Min(r => r.ReceivedAt) : null);
        deadLettered += await WriteAsync(records, ct);
        while (true)
        {
            try
            {
                await consumer.AcknowledgeAsync(batch, ct);
                _logBackoff = InitialBackoff;
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Written but not acknowledged: acknowledge again once the log is back. Were this process to die
                // first, the batch would be read and merged again, which changes nothing.
                await LogUnavailableAsync(ex, ct);
            }
        }

        status.BatchFinished(deadLettered);
    }

    private async Task LogUnavailableAsync(Exception ex, CancellationToken ct)
    {
        logger.EventLogUnavailable(ex, _logBackoff.TotalMilliseconds);
        await Task.Delay(_logBackoff, ct);
        _logBackoff = TimeSpan.FromTicks(Math.Min(_logBackoff.Ticks * 2, MaxLogBackoff.Ticks));
    }

    /// <returns>How many events were set aside as poison.</returns>
    private async Task<int> WriteAsync(List<IngestionRecord> records, CancellationToken ct)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var written = await processor.ProcessAsync(records, ct);
                logger.BatchWritten(records.Count, written.Traces.Count, written.Observations.Count, written.Scores.Count);
                return 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                status.AttemptFailed();
                logger.BatchFailed(ex, attempt, backoff.TotalMilliseconds);
            }

            if (attempt % AttemptsBeforeIsolation == 0
                && await new PoisonIsolation((units, token) => processor.ProcessAsync(units, token), logger).IsolateAsync(records, ct) is { } poison)
            {
                foreach (var (unit, error) in poison)
                {
                    var e = unit.Events[0];
                    logger.EventDeadLettered(error, e.Id, e.Type.Name, unit.ProjectId);
                    await deadLetters.SaveAsync(new DeadLetter(unit.ProjectId, error.GetType().Name + ": " + error.Message, unit.Encode()), ct);
                }

                return poison.Count;
            }

            await Task.Delay(backoff, ct);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }
}
