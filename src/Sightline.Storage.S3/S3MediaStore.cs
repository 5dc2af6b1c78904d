using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Sightline.Media;

namespace Sightline.Storage.S3;

/// <summary>
/// Media of the scale profile: one object per media item at <c>&lt;prefix&gt;&lt;project&gt;/&lt;mediaId&gt;</c>.
/// Clients PUT and GET the bytes through presigned URLs; the upload URL signs the content type and the announced
/// SHA-256, so S3 itself refuses a body that is not the announced one.
/// </summary>
internal sealed class S3MediaStore(IAmazonS3 client, S3BucketOptions options) : IMediaStore
{
    private const string ChecksumHeader = "x-amz-checksum-sha256";
    private const int BufferSize = 81920;

    public string Bucket => options.Bucket;

    public string KeyFor(string projectId, string mediaId, string contentType) =>
        options.Prefix + Uri.EscapeDataString(projectId) + "/" + Uri.EscapeDataString(mediaId);

    public async ValueTask<Uri?> PresignUploadAsync(MediaObject media, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var request = Presign(media.Key, HttpVerb.PUT, expiresAt);
        request.ContentType = media.ContentType;
        request.Headers[ChecksumHeader] = media.Sha256Hash;
        return new Uri(await client.GetPreSignedURLAsync(request));
    }

    public async ValueTask<Uri?> PresignDownloadAsync(MediaObject media, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        new Uri(await client.GetPreSignedURLAsync(Presign(media.Key, HttpVerb.GET, expiresAt)));

    // Used only when a client sends the bytes through the server: verified in a temporary file, then put whole.
    public async Task<MediaWriteResult> WriteAsync(MediaObject media, Stream content, CancellationToken cancellationToken)
    {
        var expectedHash = Convert.FromBase64String(media.Sha256Hash);
        var temp = Path.Combine(Path.GetTempPath(), "sightline-media-" + Guid.NewGuid().ToString("N"));
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long received = 0;
            while (true)
            {
                var want = (int)Math.Min(BufferSize, media.ContentLength + 1 - received);
                var read = await content.ReadAsync(buffer.AsMemory(0, want), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                received += read;
                if (received > media.ContentLength)
                {
                    return new MediaWriteResult(MediaWriteOutcome.TooLong, received);
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            if (received < media.ContentLength)
            {
                return new MediaWriteResult(MediaWriteOutcome.TooShort, received);
            }

            if (!CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), expectedHash))
            {
                return new MediaWriteResult(MediaWriteOutcome.HashMismatch, received);
            }

            file.Position = 0;
            await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = options.Bucket,
                Key = media.Key,
                InputStream = file,
                AutoCloseStream = false,
                ContentType = media.ContentType,
                UseChunkEncoding = false,
            }, cancellationToken);
            return new MediaWriteResult(MediaWriteOutcome.Stored, received);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetObjectAsync(options.Bucket, key, cancellationToken);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await client.GetObjectMetadataAsync(options.Bucket, key, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private GetPreSignedUrlRequest Presign(string key, HttpVerb verb, DateTimeOffset expiresAt) => new()
    {
        BucketName = options.Bucket,
        Key = key,
        Verb = verb,
        Expires = expiresAt.UtcDateTime,
        Protocol = options.Endpoint?.Scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS,
    };
}
