namespace Sightline.Ingestion;

/// <summary>
/// What the worker is doing, for health: whether it holds a batch it has not yet written, since when, how old the
/// oldest event in it is, and whether it has stopped. Written by the worker's single loop, read by health checks.
/// </summary>
public sealed class IngestionWorkerStatus(TimeProvider time)
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _busySince;
    private DateTime? _oldestReceivedAt;
    private int _failedAttempts;
    private bool _stopped;

    public long DeadLettered { get; private set; }

    public void BatchStarted(DateTime? oldestReceivedAt)
    {
        lock (_lock)
        {
            _busySince = time.GetUtcNow();
            _oldestReceivedAt = oldestReceivedAt;
            _failedAttempts = 0;
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
            _busySince = null;
            _oldestReceivedAt = null;
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
            if (_busySince is { } since && now - since > stallAfter)
            {
                return $"Ingestion worker stalled: no batch written for {(int)(now - since).TotalSeconds} s ({_failedAttempts} failed attempts)";
            }

            if (_oldestReceivedAt is { } oldest && now.UtcDateTime - oldest > maxLag)
            {
                return $"Ingestion lag of {(int)(now.UtcDateTime - oldest).TotalSeconds} s exceeds {(int)maxLag.TotalSeconds} s";
            }

            return null;
        }
    }
}
