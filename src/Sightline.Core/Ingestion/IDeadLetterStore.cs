namespace Sightline.Ingestion;

/// <summary>
/// Where the worker keeps records it cannot store, so that skipping them loses nothing: an operator can read them,
/// fix the cause and post them again. A save returns only once the letter is durable, because the worker
/// acknowledges the log position right after.
/// </summary>
public interface IDeadLetterStore
{
    Task SaveAsync(DeadLetter letter, CancellationToken ct);
}
