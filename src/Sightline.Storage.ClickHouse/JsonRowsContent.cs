using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Sightline.Storage.ClickHouse;

/// <summary>
/// An INSERT body in <c>JSONEachRow</c>: one JSON object per line, serialized into the request stream in chunks while
/// the request is sent, so a large batch is never held as one string or byte array.
/// </summary>
internal sealed class JsonRowsContent<T> : HttpContent
{
    private const int FlushThreshold = 128 * 1024;

    private readonly IReadOnlyList<T> _rows;
    private readonly Action<Utf8JsonWriter, T> _write;

    public JsonRowsContent(IReadOnlyList<T> rows, Action<Utf8JsonWriter, T> write)
    {
        _rows = rows;
        _write = write;
        Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson") { CharSet = "utf-8" };
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(FlushThreshold + 16 * 1024);
        await using var writer = new Utf8JsonWriter(buffer);
        foreach (var row in _rows)
        {
            _write(writer, row);
            writer.Flush();
            writer.Reset();
            buffer.Write("\n"u8);
            if (buffer.WrittenCount >= FlushThreshold)
            {
                await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
                buffer.ResetWrittenCount();
            }
        }

        if (buffer.WrittenCount > 0)
        {
            await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
