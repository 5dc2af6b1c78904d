namespace Sightline.Ingestion;

/// <summary>
/// What the worker is doing, for health: whether it holds batches it has not yet written, since when, how old the
/// oldest event in them is, and whether it has stopped. Written by the worker's single loop, read by health checks.
/// The worker may hold two batches at once (one being written while the next is merged); they finish in the order
/// they started.
/// </summary>
public sealed class IngestionWorkerStatus(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Queue<(DateTimeOffset Since, DateTime? OldestReceivedAt)> _held = new();
    private int _failedAttempts;
    private bool _stopped;

    public long DeadLettered { get; private set; }

    public void BatchStarted(DateTime? oldestReceivedAt)
    {
        lock (_lock)
        {
            _held.Enqueue((time.GetUtcNow(), oldestReceivedAt));
        }
    }

    public void AttemptFailed()
    {
        lock (_lock)
        {
            _failedAttempts++;
        }
    }

    public void BatchFinished(int deadLettered)
    {
        lock (_lock)
        {
            _held.TryDequeue(out _);
            _failedAttempts = 0;
            DeadLettered += deadLettered;
        }
    }

    public void Stopped()
    {
        lock (_lock)
        {
            _stopped = true;
        }
    }

    /// <summary>Null while data flows; otherwise a reason safe to show an unauthenticated caller.</summary>
    public string? Problem(TimeSpan stallAfter, TimeSpan maxLag)
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return "Ingestion worker has stopped";
            }

            var now = time.GetUtcNow();
            if (!_held.TryPeek(out var first))
            {
                return null;
            }

            if (now - first.Since > stallAfter)
            {
                return $"Ingestion worker stalled: no batch written for {(int)(now - first.Since).TotalSeconds} s ({_failedAttempts} failed attempts)";
            }

            if (_held.Min(h => h.OldestReceivedAt) is { } oldest && now.UtcDateTime - oldest > maxLag)
            {
                return $"Ingestion lag of {(int)(now.UtcDateTime - oldest).TotalSeconds} s exceeds {(int)maxLag.TotalSeconds} s";
            }

            return null;
        }
    }
}
