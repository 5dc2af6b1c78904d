namespace Sightline.Ingestion;

/// <param name="Records">Payloads in append order.</param>
/// <param name="Position">Opaque to callers: where the batch ends, for acknowledging it.</param>
/// <param name="Buffers">
/// What holds the records' bytes when the log lends them from a pool: disposing the batch gives them back, and the
/// records must not be read after that. Null when the bytes belong to the batch alone.
/// </param>
public sealed record EventLogBatch(IReadOnlyList<ReadOnlyMemory<byte>> Records, string Position, IDisposable? Buffers = null) : IDisposable
{
    public static readonly EventLogBatch Empty = new([], string.Empty);

    public void Dispose() => Buffers?.Dispose();
}
