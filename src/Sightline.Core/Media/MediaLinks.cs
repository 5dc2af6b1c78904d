using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Sightline.Media;

internal static class MediaLinks
{
    /// <summary>The link row for a reference; its id is a hash of every column, so the same reference is one row.</summary>
    public static MediaLink For(string projectId, string mediaId, MediaUploadRequest request, DateTime now)
    {
        var tuple = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(tuple))
        {
            writer.WriteStartArray();
            foreach (var part in new[] { projectId, mediaId, request.TraceId, request.ObservationId, request.DatasetId, request.DatasetItemId, request.Field })
            {
                if (part is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStringValue(part);
                }
            }

            writer.WriteEndArray();
        }

        return new MediaLink
        {
            Id = Convert.ToHexStringLower(SHA256.HashData(tuple.WrittenSpan)),
            ProjectId = projectId,
            MediaId = mediaId,
            TraceId = request.TraceId,
            ObservationId = request.ObservationId,
            DatasetId = request.DatasetId,
            DatasetItemId = request.DatasetItemId,
            Field = request.Field,
            CreatedAt = now,
        };
    }
}
