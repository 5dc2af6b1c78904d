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
/// <para>
/// Batches are pipelined: while one batch is written (<see cref="InFlightWrite"/>), the next is read, decoded and
/// merged. A batch that changes an entity of the one being written waits for that write before it reads anything,
/// so it merges onto the stored rows; acknowledgements keep the log's order.
/// </para>
/// <para>
/// Trace deletions travel through the log too (<see cref="EventType.TraceDelete"/>). A batch holding one is written
/// without pipelining, one run of records at a time, each deletion applied between the records before and after it:
/// events accepted before a deletion never bring the trace back, including when the log is replayed, and events
/// accepted after it create the trace again, as they would in Langfuse.
/// </para>
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
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    // Short enough that a store coming back after an outage is written to within seconds; one failing request every
    // 5 s costs nothing.
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private TimeSpan _logBackoff = FirstBackoff;

    // The loop has a thread of its own: merging a batch and the DuckDB calls under it run synchronously for tens of
    // milliseconds at a time, and on pool threads they held back the requests queued behind them.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        DedicatedThread.RunAsync("Ingestion worker", () => RunAsync(stoppingToken));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        InFlightWrite? writing = null;
        try
        {
            await gate.WhenOpen.WaitAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                writing = await ConsumeOnceAsync(writing, stoppingToken);
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
        finally
        {
            // Stopping: the batch being written is not acknowledged and is read again at the next start, where
            // writing it again changes nothing.
            if (writing is not null)
            {
                await writing.DisposeAsync();
            }
        }
    }

    /// <returns>The batch now being written, if any.</returns>
    private async Task<InFlightWrite?> ConsumeOnceAsync(InFlightWrite? writing, CancellationToken ct)
    {
        // While a write runs the next batch is taken only if it is already there; otherwise the write is finished
        // first, so an idle log never leaves a written batch unacknowledged.
        EventLogBatch batch;
        try
        {
            batch = await consumer.ReadAsync(options.WorkerBatchRecords, writing is null ? options.WorkerPollInterval : TimeSpan.Zero, ct);
            _logBackoff = FirstBackoff;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The log's engine is away (a Redis restart, say): nothing was taken from it, so wait and read again.
            await LogUnavailableAsync(ex, ct);
            return writing;
        }

        if (batch.Records.Count == 0)
        {
            if (writing is not null)
            {
                await FinishAsync(writing, ct);
            }

            return null;
        }

        // Disposed after the acknowledgement: the records' bodies are views into the batch's bytes until then, and
        // disposing gives those bytes back to the log's pool.
        var decoded = new DecodedRecords(batch);
        MergedBatch? merged = null;
        Exception? mergeFailure = null;
        InFlightWrite? started = null;
        try
        {
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

            var records = decoded.Records;
            status.BatchStarted(records.Count > 0 ? records.Min(r => r.ReceivedAt) : null);
            if (records.Any(r => IngestionProcessor.TraceDeletions(r) is not null))
            {
                if (writing is not null)
                {
                    await FinishAsync(writing, ct);
                    writing = null;
                }

                deadLettered += await WriteAroundDeletionsAsync(records, ct);
                await AcknowledgeAsync(batch, ct);
                status.BatchFinished(deadLettered);
                return null;
            }

            var grouped = IngestionProcessor.Group(records);
            if (writing is not null && writing.Overlaps(grouped.LockKeys))
            {
                await FinishAsync(writing, ct);
                writing = null;
            }

            try
            {
                merged = await processor.MergeAsync(grouped, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Handled below, once the batch before it is finished.
                mergeFailure = ex;
            }

            if (writing is not null)
            {
                await FinishAsync(writing, ct);
                writing = null;
            }

            if (mergeFailure is not null)
            {
                deadLettered += await WriteAgainAsync(mergeFailure, records, ct);
                await AcknowledgeAsync(batch, ct);
                status.BatchFinished(deadLettered);
                return null;
            }

            started = InFlightWrite.Start(batch, decoded, grouped, merged!, deadLettered, processor, ct);
            return started;
        }
        finally
        {
            // Unless the write took them over: a merge abandoned by an exception (stopping, say) lets go of its
            // locks and records here.
            if (started is null)
            {
                if (merged is not null)
                {
                    await merged.DisposeAsync();
                }

                decoded.Dispose();
            }
        }
    }

    /// <summary>Waits for a pipelined write, writes again the slow way if it failed, then acknowledges.</summary>
    private async Task FinishAsync(InFlightWrite writing, CancellationToken ct)
    {
        try
        {
            var deadLettered = writing.DeadLettered;
            try
            {
                await writing.Write;
                logger.BatchWritten(writing.Records.Count, writing.Batch.Traces.Count, writing.Batch.Observations.Count, writing.Batch.Scores.Count);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                deadLettered += await WriteAgainAsync(ex, writing.Records, ct);
            }

            await AcknowledgeAsync(writing.LogBatch, ct);
            status.BatchFinished(deadLettered);
        }
        finally
        {
            await writing.DisposeAsync();
        }
    }

    /// <summary>
    /// After a failed first attempt (a pipelined merge or write): counts and logs it, then writes the records the slow
    /// way, with retries, backoff and the search for poison events.
    /// </summary>
    /// <returns>How many events were set aside as poison.</returns>
    private async Task<int> WriteAgainAsync(Exception firstFailure, List<IngestionRecord> records, CancellationToken ct)
    {
        status.AttemptFailed();
        logger.BatchFailed(firstFailure, 1, FirstBackoff.TotalMilliseconds);
        await Task.Delay(FirstBackoff, ct);
        return await WriteWithRetriesAsync(records, ct);
    }

    private async Task AcknowledgeAsync(EventLogBatch batch, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await consumer.AcknowledgeAsync(batch, ct);
                _logBackoff = FirstBackoff;
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Written but not acknowledged: acknowledge again once the log is back. Were this process to die
                // first, the batch would be read and merged again, which changes nothing.
                await LogUnavailableAsync(ex, ct);
            }
        }
    }

    private async Task LogUnavailableAsync(Exception ex, CancellationToken ct)
    {
        logger.EventLogUnavailable(ex, _logBackoff.TotalMilliseconds);
        await Task.Delay(_logBackoff, ct);
        _logBackoff = Doubled(_logBackoff);
    }

    /// <summary>
    /// Writes the runs of records between trace deletions and applies each deletion after the run before it, all in
    /// log order, each step with retries.
    /// </summary>
    /// <returns>How many events were set aside as poison.</returns>
    private async Task<int> WriteAroundDeletionsAsync(List<IngestionRecord> records, CancellationToken ct)
    {
        var deadLettered = 0;
        var run = new List<IngestionRecord>();
        foreach (var record in records)
        {
            if (IngestionProcessor.TraceDeletions(record) is not { } traceIds)
            {
                run.Add(record);
                continue;
            }

            if (run.Count > 0)
            {
                deadLettered += await WriteWithRetriesAsync(run, ct);
                run = [];
            }

            await DeleteWithRetriesAsync(record.ProjectId, traceIds, ct);
        }

        if (run.Count > 0)
        {
            deadLettered += await WriteWithRetriesAsync(run, ct);
        }

        return deadLettered;
    }

    /// <summary>A deletion is retried until the store takes it: it names nothing a poison search could set aside.</summary>
    private async Task DeleteWithRetriesAsync(string projectId, IReadOnlyList<string> traceIds, CancellationToken ct)
    {
        var backoff = FirstBackoff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var deleted = await processor.DeleteTracesAsync(projectId, traceIds, ct);
                logger.TracesDeletedFromLog(deleted, traceIds.Count, projectId);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                status.AttemptFailed();
                logger.BatchFailed(ex, attempt + 1, backoff.TotalMilliseconds);
            }

            await Task.Delay(backoff, ct);
            backoff = Doubled(backoff);
        }
    }

    private static TimeSpan Doubled(TimeSpan backoff) => TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));

    /// <summary>Merges and writes records with retries and backoff, then isolates poison events.</summary>
    /// <returns>How many events were set aside as poison.</returns>
    private async Task<int> WriteWithRetriesAsync(List<IngestionRecord> records, CancellationToken ct)
    {
        var backoff = FirstBackoff;
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
                logger.BatchFailed(ex, attempt + 1, backoff.TotalMilliseconds);
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
            backoff = Doubled(backoff);
        }
    }
}
