namespace Sightline.Storage.Local;

/// <summary>
/// A record waiting for the writer: its frame header and the caller's payload, written together by one gathered
/// write. The caller keeps the payload alive until <see cref="Durable"/> completes, after its fsync.
/// </summary>
internal sealed class PendingAppend(byte[] header, ReadOnlyMemory<byte> payload)
{
    public byte[] Header { get; } = header;

    public ReadOnlyMemory<byte> Payload { get; } = payload;

    public long Length => Header.Length + Payload.Length;

    public TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
