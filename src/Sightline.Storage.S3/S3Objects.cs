using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Sightline.Storage.S3;

/// <summary>Whole-object reads and writes under the bucket's prefix, for stores that keep small records as objects.</summary>
internal sealed class S3Objects(IAmazonS3 client, S3BucketOptions options)
{
    public S3BucketOptions Options => options;

    public Task ProbeAsync(CancellationToken ct) => S3BucketProbe.CheckAsync(client, options, ct);

    /// <summary>Stores the bytes; S3 acknowledges a PUT only once the object is durable.</summary>
    public async Task PutAsync(string key, byte[] bytes, CancellationToken ct)
    {
        using var body = new MemoryStream(bytes, writable: false);
        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = options.Bucket,
            Key = options.Prefix + key,
            InputStream = body,
            ContentType = "application/octet-stream",
            UseChunkEncoding = false,
        }, ct);
    }

    /// <summary>The object's bytes, or null when it does not exist.</summary>
    public async Task<byte[]?> GetAsync(string key, CancellationToken ct)
    {
        try
        {
            using var response = await client.GetObjectAsync(options.Bucket, options.Prefix + key, ct);
            using var buffer = new MemoryStream(response.ContentLength > 0 ? (int)response.ContentLength : 0);
            await response.ResponseStream.CopyToAsync(buffer, ct);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        // DeleteObjects takes at most 1,000 keys per request.
        foreach (var chunk in keys.Chunk(1000))
        {
            await client.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = options.Bucket,
                Objects = [.. chunk.Select(k => new KeyVersion { Key = options.Prefix + k })],
            }, ct);
        }
    }

    /// <summary>Total size of the objects under <paramref name="keyPrefix"/>.</summary>
    public async Task<long> SizeAsync(string keyPrefix, CancellationToken ct)
    {
        long total = 0;
        var request = new ListObjectsV2Request { BucketName = options.Bucket, Prefix = options.Prefix + keyPrefix };
        ListObjectsV2Response response;
        do
        {
            response = await client.ListObjectsV2Async(request, ct);
            total += response.S3Objects?.Sum(o => o.Size ?? 0) ?? 0;
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        return total;
    }

    public static S3Objects Create(S3BucketOptions options) => new(S3Clients.Create(options), options);
}
