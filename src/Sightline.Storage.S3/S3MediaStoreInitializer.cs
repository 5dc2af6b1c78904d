using Amazon.S3;

namespace Sightline.Storage.S3;

internal sealed class S3MediaStoreInitializer(IAmazonS3 client, S3BucketOptions options) : IStorageInitializer
{
    public string Name => "S3 media bucket";

    public Task InitializeAsync(CancellationToken ct) => S3BucketProbe.CheckAsync(client, options, ct);
}
