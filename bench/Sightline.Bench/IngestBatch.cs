using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sightline.Bench;

/// <summary>
/// The ingestion benchmarks' request: one <c>POST /api/public/ingestion</c> batch of <see cref="BatchSize"/> events
/// (1 trace-create, <see cref="SpansPerBatch"/> span-create, 1 generation-create and 1 score-create), about 1 KB per
/// event, with fresh ids for every body.
/// </summary>
internal sealed class IngestBatch
{
    public const int BatchSize = 100;
    public const int SpansPerBatch = BatchSize - 3;
    public const int ObservationsPerTrace = SpansPerBatch + 1;
    private const string Placeholder = "BATCHIDBATCHIDBATCHIDBATCHIDBATC";

    private readonly string _template = BuildTemplate();

    /// <summary>The size of one body in bytes (every body has the same length: ids are 32 hex digits).</summary>
    public int Bytes => Encoding.UTF8.GetByteCount(_template);

    /// <summary>A body whose trace id is <paramref name="batchId"/> (32 hex digits) and whose other ids derive from it.</summary>
    public byte[] Body(string batchId) => Encoding.UTF8.GetBytes(_template.Replace(Placeholder, batchId, StringComparison.Ordinal));

    /// <summary>
    /// One batch as text, with <see cref="Placeholder"/> where the per-batch id goes. Bodies are padded so each
    /// event is about 1 KB.
    /// </summary>
    private static string BuildTemplate()
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        string Time(int ms) => now.AddMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var text = new string('x', 300);
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("batch");
            Event(w, "trace-create", "t", Time(0), b =>
            {
                b.WriteString("id", Placeholder);
                b.WriteString("name", "bench-trace");
                b.WriteString("userId", "user-1");
                b.WriteString("sessionId", "session-1");
                b.WriteString("input", "question " + text);
                b.WriteString("output", "answer " + text);
                b.WriteStartArray("tags");
                b.WriteStringValue("bench");
                b.WriteEndArray();
                b.WriteStartObject("metadata");
                b.WriteString("source", "bench");
                b.WriteEndObject();
            });
            for (var i = 0; i < SpansPerBatch; i++)
            {
                var index = i;
                Event(w, "span-create", $"s{index}", Time(index), b =>
                {
                    b.WriteString("id", $"{Placeholder}-s{index}");
                    b.WriteString("traceId", Placeholder);
                    b.WriteString("name", "step-" + index.ToString(CultureInfo.InvariantCulture));
                    b.WriteString("startTime", Time(index));
                    b.WriteString("endTime", Time(index + 5));
                    b.WriteString("input", "span input " + text);
                    b.WriteString("output", "span output " + text);
                    b.WriteStartObject("metadata");
                    b.WriteNumber("step", index);
                    b.WriteEndObject();
                });
            }

            Event(w, "generation-create", "g", Time(100), b =>
            {
                b.WriteString("id", $"{Placeholder}-g");
                b.WriteString("traceId", Placeholder);
                b.WriteString("name", "llm-call");
                b.WriteString("startTime", Time(100));
                b.WriteString("endTime", Time(900));
                b.WriteString("model", "gpt-4o");
                b.WriteStartObject("modelParameters");
                b.WriteNumber("temperature", 0.2);
                b.WriteEndObject();
                b.WriteString("input", "prompt " + text);
                b.WriteString("output", "completion " + text);
                b.WriteStartObject("usage");
                b.WriteNumber("input", 1200);
                b.WriteNumber("output", 300);
                b.WriteNumber("total", 1500);
                b.WriteString("unit", "TOKENS");
                b.WriteEndObject();
            });
            Event(w, "score-create", "c", Time(1000), b =>
            {
                b.WriteString("id", $"{Placeholder}-c");
                b.WriteString("traceId", Placeholder);
                b.WriteString("name", "quality");
                b.WriteNumber("value", 0.9);
                b.WriteString("dataType", "NUMERIC");
                b.WriteString("comment", "scored " + text);
            });
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());

        static void Event(Utf8JsonWriter w, string type, string suffix, string timestamp, Action<Utf8JsonWriter> body)
        {
            w.WriteStartObject();
            w.WriteString("id", $"{Placeholder}-e{suffix}");
            w.WriteString("type", type);
            w.WriteString("timestamp", timestamp);
            w.WriteStartObject("body");
            body(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }
    }
}
