using System.Globalization;
using System.Text;
using System.Text.Json;
using Sightline.Ingestion;

namespace Sightline.Storage.Local;

/// <summary>
/// Dead letters of the embedded profile: one JSON object per line in <c>dead-letter/YYYY-MM-DD.jsonl</c> beside
/// the event log segments, fsync'd before the save returns. A decodable record is kept as the JSON it was logged
/// as (<c>record</c>), so its events can be read and posted again; other bytes are kept base64-encoded (<c>raw</c>).
/// </summary>
internal sealed class LocalDeadLetterStore(string directory, TimeProvider time) : IDeadLetterStore
{
    private readonly Lock _lock = new();

    // Dead letters are rare; a synchronous append under a lock keeps lines whole without an async gate.
    public Task SaveAsync(DeadLetter letter, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        var line = Line(letter, now);
        lock (_lock)
        {
            var created = !Directory.Exists(directory);
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".jsonl");
            var isNewFile = !File.Exists(path);
            using (var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                file.Write(line);
                file.Flush(flushToDisk: true);
            }

            if (isNewFile)
            {
                DirectorySync.Flush(directory);
            }

            if (created)
            {
                DirectorySync.Flush(Path.GetDirectoryName(directory)!);
            }
        }

        return Task.CompletedTask;
    }

    private static byte[] Line(DeadLetter letter, DateTimeOffset at)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("at", at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString("projectId", letter.ProjectId);
            writer.WriteString("reason", letter.Reason);
            if (TryParse(letter.Payload) is { } record)
            {
                writer.WritePropertyName("record");
                record.RootElement.WriteTo(writer);
                record.Dispose();
            }
            else
            {
                writer.WriteBase64String("raw", letter.Payload.Span);
            }

            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.ToArray();
    }

    private static JsonDocument? TryParse(ReadOnlyMemory<byte> payload)
    {
        try
        {
            return JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
