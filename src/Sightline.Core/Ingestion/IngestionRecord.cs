using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Sightline.Ingestion;

/// <summary>
/// What one accepted request puts in the event log: the project, the arrival time and its valid events with their
/// bodies as sent. The worker rebuilds everything else from this, so a replay reproduces the same rows.
/// </summary>
public sealed record IngestionRecord(string ProjectId, DateTime ReceivedAt, IReadOnlyList<IngestionEvent> Events)
{
    public byte[] Encode()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        EncodeTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public void EncodeTo(IBufferWriter<byte> buffer)
    {
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("projectId", ProjectId);
            writer.WriteString("receivedAt", ReceivedAt.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteStartArray("events");
            foreach (var e in Events)
            {
                writer.WriteStartObject();
                writer.WriteString("id", e.Id);
                writer.WriteString("type", e.Type.Name);
                writer.WriteString("timestamp", e.Timestamp.ToString("O", CultureInfo.InvariantCulture));
                writer.WritePropertyName("body");
                e.Body.WriteTo(writer);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }

    /// <summary>Reads a record written by <see cref="Encode"/>; null when it is not one (never expected).</summary>
    public static IngestionRecord? Decode(ReadOnlyMemory<byte> bytes)
    {
        var document = Parse(bytes);
        if (document is null)
        {
            return null;
        }

        using (document)
        {
            return Read(document.RootElement, copyBodies: true);
        }
    }

    /// <summary>
    /// Like <see cref="Decode"/>, but the event bodies stay views into <paramref name="document"/>, which reads
    /// <paramref name="bytes"/> in place: no copy per event. The record is valid only while the document is not
    /// disposed and the bytes are unchanged; the caller disposes the document when done with the record.
    /// </summary>
    public static IngestionRecord? DecodeInPlace(ReadOnlyMemory<byte> bytes, out JsonDocument? document)
    {
        document = Parse(bytes);
        var record = document is null ? null : Read(document.RootElement, copyBodies: false);
        if (record is null)
        {
            document?.Dispose();
            document = null;
        }

        return record;
    }

    private static JsonDocument? Parse(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IngestionRecord? Read(JsonElement root, bool copyBodies)
    {
        try
        {
            var eventsElement = root.GetProperty("events");
            var events = new List<IngestionEvent>(eventsElement.GetArrayLength());
            foreach (var e in eventsElement.EnumerateArray())
            {
                var type = EventType.Find(e.GetProperty("type").GetString());
                if (type is null)
                {
                    continue;
                }

                var body = e.GetProperty("body");
                events.Add(new IngestionEvent(
                    e.GetProperty("id").GetString()!,
                    type,
                    DateTime.Parse(e.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    copyBodies ? body.Clone() : body));
            }

            return new IngestionRecord(
                root.GetProperty("projectId").GetString()!,
                DateTime.Parse(root.GetProperty("receivedAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                events);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
