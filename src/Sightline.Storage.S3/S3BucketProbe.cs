using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Sightline.Storage.S3;

/// <summary>
/// Lists one key of the bucket at start, so a missing bucket, refused credentials or an unreachable endpoint stop
/// the start with one line naming the variables, instead of failing the first upload.
/// </summary>
internal static class S3BucketProbe
{
    public static async Task CheckAsync(IAmazonS3 client, S3BucketOptions options, CancellationToken ct)
    {
        var where = options.Endpoint is { } endpoint ? $"at {endpoint.GetLeftPart(UriPartial.Authority)}" : $"in AWS region {options.Region}";
        try
        {
            await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = options.Bucket, Prefix = options.Prefix + "probe/", MaxKeys = 1 }, ct);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchBucket" || ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new S3StartException(options.SettingPrefix + "BUCKET",
                $"bucket '{options.Bucket}' does not exist {where}.", "create the bucket, or correct the bucket name, endpoint and region.", ex);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            throw new S3StartException(options.SettingPrefix + "ACCESS_KEY_ID",
                $"S3 {where} refused access to bucket '{options.Bucket}' ({ex.ErrorCode}: {ex.Message}).",
                $"check {options.SettingPrefix}ACCESS_KEY_ID and {options.SettingPrefix}SECRET_ACCESS_KEY and that they may list, read and write the bucket.", ex);
        }
        catch (AmazonS3Exception ex)
        {
            throw new S3StartException(options.SettingPrefix + "ENDPOINT",
                $"S3 {where} answered {(int)ex.StatusCode} {ex.ErrorCode} for bucket '{options.Bucket}': {ex.Message}", "check the endpoint, region and bucket.", ex);
        }
        catch (Amazon.Runtime.AmazonClientException ex) when (ex.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase))
        {
            throw new S3StartException(options.SettingPrefix + "ACCESS_KEY_ID",
                $"no credentials for S3 {where} were found (neither {options.SettingPrefix}ACCESS_KEY_ID nor the AWS credential chain).",
                $"set {options.SettingPrefix}ACCESS_KEY_ID and {options.SettingPrefix}SECRET_ACCESS_KEY, or give this machine an AWS role.", ex);
        }
        catch (Exception ex) when ((ex is HttpRequestException or Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or System.Net.Sockets.SocketException) || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new S3StartException(options.SettingPrefix + "ENDPOINT",
                $"S3 {where} could not be reached: {(ex.InnerException ?? ex).Message}", "check the endpoint URL and that this machine can reach it.", ex);
        }
    }
}
