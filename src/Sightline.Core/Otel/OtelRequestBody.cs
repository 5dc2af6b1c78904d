using System.Buffers;
using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace Sightline.Otel;

/// <summary>Reads an export body, gunzipping it when sent with <c>Content-Encoding: gzip</c>, up to a limit.</summary>
internal static class OtelRequestBody
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>
    /// The (decompressed) body, or null when it is larger than <paramref name="limit"/>; the limit applies to the
    /// decompressed bytes too, so a small gzip bomb cannot expand without bound.
    /// </summary>
    /// <exception cref="InvalidDataException">The gzip stream is corrupt.</exception>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, bool gzip, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var gunzip = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : null;
        await using (gunzip)
        {
            var source = gunzip ?? request.Body;
            var initial = gzip ? ChunkBytes : (int)Math.Min(request.ContentLength ?? ChunkBytes, limit);
            var buffer = new ArrayBufferWriter<byte>(initial + 1);
            while (true)
            {
                var read = await source.ReadAsync(buffer.GetMemory(ChunkBytes), ct);
                if (read == 0)
                {
                    return buffer.WrittenMemory;
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > limit)
                {
                    return null;
                }
            }
        }
    }
}
