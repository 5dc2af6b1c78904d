using System.Globalization;
using System.Text;
using System.Text.Json;
using Sightline.Ingestion;

namespace Sightline.Bench;

/// <summary>
/// Event log records as the ingestion endpoint writes them for the benchmark's <see cref="IngestBatch"/> requests:
/// one record per request, its 100 events with fresh ids, encoded the way the worker reads them back. A batch of
/// records is laid out back to back in one buffer and handed out as slices of it, as the event log's reader does
/// with the chunks it reads, so the worker's allocations are what the benchmark's collector sees.
/// </summary>
internal sealed class WorkerRecords
{
    private readonly byte[] _template;
    private readonly int[] _idOffsets;

    public WorkerRecords(string projectId)
    {
        const string batchId = "0123456789abcdef0123456789abcdef";
        var batch = new IngestBatch();
        using var document = JsonDocument.Parse(batch.Body(batchId));
        var events = new List<IngestionEvent>(IngestBatch.BatchSize);
        foreach (var e in document.RootElement.GetProperty("batch").EnumerateArray())
        {
            events.Add(new IngestionEvent(
                e.GetProperty("id").GetString()!,
                EventType.Find(e.GetProperty("type").GetString())!,
                DateTime.Parse(e.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                e.GetProperty("body")));
        }

        _template = new IngestionRecord(projectId, TimeProvider.System.GetUtcNow().UtcDateTime, events).Encode();
        var marker = Encoding.UTF8.GetBytes(batchId);
        var offsets = new List<int>();
        for (var at = _template.AsSpan().IndexOf(marker); at >= 0;)
        {
            offsets.Add(at);
            var next = _template.AsSpan(at + marker.Length).IndexOf(marker);
            at = next < 0 ? -1 : at + marker.Length + next;
        }

        _idOffsets = [.. offsets];
    }

    /// <summary><paramref name="count"/> records, each with a trace id (and ids derived from it) of its own.</summary>
    public List<ReadOnlyMemory<byte>> Next(int count)
    {
        var buffer = new byte[_template.Length * count];
        var records = new List<ReadOnlyMemory<byte>>(count);
        Span<byte> id = stackalloc byte[32];
        for (var i = 0; i < count; i++)
        {
            var record = buffer.AsMemory(i * _template.Length, _template.Length);
            _template.CopyTo(record);
            Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("N"), id);
            foreach (var offset in _idOffsets)
            {
                id.CopyTo(record.Span[offset..]);
            }

            records.Add(record);
        }

        return records;
    }
}
