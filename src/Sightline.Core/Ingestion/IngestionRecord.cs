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
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            var events = new List<IngestionEvent>();
            foreach (var e in root.GetProperty("events").EnumerateArray())
            {
                var type = EventType.Find(e.GetProperty("type").GetString());
                if (type is null)
                {
                    continue;
                }

                events.Add(new IngestionEvent(
                    e.GetProperty("id").GetString()!,
                    type,
                    DateTime.Parse(e.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    e.GetProperty("body").Clone()));
            }

            return new IngestionRecord(
                root.GetProperty("projectId").GetString()!,
                DateTime.Parse(root.GetProperty("receivedAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                events);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
