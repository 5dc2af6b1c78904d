using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Sightline.Media;

namespace Sightline.Storage.S3;

public static class S3StorageExtensions
{
    /// <summary>Media store of the scale profile: an S3-compatible bucket, bytes moved by clients through presigned URLs.</summary>
    public static IServiceCollection AddS3MediaStore(this IServiceCollection services, S3BucketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = S3Clients.Create(options);
        services.AddSingleton<IMediaStore>(new S3MediaStore(client, options));
        services.AddSingleton<IStorageInitializer>(new S3MediaStoreInitializer(client, options));
        return services;
    }
}
