using System.Text.Json;

namespace Sightline.Ingestion;

/// <summary>
/// One worker batch of event log records, decoded in place (<see cref="IngestionRecord.DecodeInPlace"/>): the
/// event bodies are views into the log's bytes instead of a copy per event, which for a batch of thousands of
/// events saves megabytes of short-lived allocations that would otherwise survive into older GC generations while
/// the batch is written. The records are valid until this is disposed, after the batch is acknowledged; disposing
/// also gives back <paramref name="buffers"/>, the log's pooled bytes the bodies point into.
/// </summary>
internal sealed class DecodedRecords(IDisposable? buffers = null) : IDisposable
{
    private readonly List<JsonDocument> _documents = [];

    public List<IngestionRecord> Records { get; } = [];

    /// <summary>Decodes and keeps one record; false when the bytes are not a record.</summary>
    public bool TryAdd(ReadOnlyMemory<byte> bytes)
    {
        if (IngestionRecord.DecodeInPlace(bytes, out var document) is not { } record)
        {
            return false;
        }

        _documents.Add(document!);
        Records.Add(record);
        return true;
    }

    public void Dispose()
    {
        foreach (var document in _documents)
        {
            document.Dispose();
        }

        _documents.Clear();
        Records.Clear();
        buffers?.Dispose();
    }
}
