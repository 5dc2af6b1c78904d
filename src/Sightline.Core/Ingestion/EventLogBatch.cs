namespace Sightline.Ingestion;

/// <param name="Records">Payloads in append order.</param>
/// <param name="Position">Opaque to callers: where the batch ends, for acknowledging it.</param>
public sealed record EventLogBatch(IReadOnlyList<ReadOnlyMemory<byte>> Records, string Position)
{
    public static readonly EventLogBatch Empty = new([], string.Empty);
}
