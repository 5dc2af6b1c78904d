namespace Sightline.Storage.Local;

/// <summary>A framed record waiting for the writer; <see cref="Durable"/> completes after its fsync.</summary>
internal sealed class PendingAppend(byte[] frame)
{
    public byte[] Frame { get; } = frame;

    public TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
