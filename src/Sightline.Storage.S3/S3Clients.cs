using Amazon.Runtime;
using Amazon.S3;

namespace Sightline.Storage.S3;

internal static class S3Clients
{
    public static AmazonS3Client Create(S3BucketOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // Checksums only where S3 demands them: S3-compatible servers differ in which trailing checksums they accept.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 3,
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (options.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.AbsoluteUri;
            config.AuthenticationRegion = options.Region;
            config.UseHttp = endpoint.Scheme == Uri.UriSchemeHttp;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        return options.AccessKeyId is { } key && options.SecretAccessKey is { } secret
            ? new AmazonS3Client(new BasicAWSCredentials(key, secret), config)
            : new AmazonS3Client(config);
    }
}
