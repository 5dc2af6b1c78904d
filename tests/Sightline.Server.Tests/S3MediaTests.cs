using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.S3.Model;
using Sightline.Server.Tests.Infrastructure;
using Sightline.Server.Tests.Sdk;

namespace Sightline.Server.Tests;

/// <summary>
/// Media in an S3-compatible bucket (<c>LANGFUSE_S3_MEDIA_UPLOAD_*</c>) against the test command's s3rver: the
/// JavaScript SDKs PUT their data-URI attachments straight to the presigned URL, and the download URL the API
/// hands out is the bucket's own.
/// </summary>
[Trait(TestProfile.Trait, TestProfile.OwnServers)]
public sealed class S3MediaTests
{
    private const string AdminKey = "s3-media-admin-key-0123456789";

    [Theory]
    [InlineData("v3")]
    [InlineData("v5")]
    public async Task Sdk_UploadsDataUriMediaToTheBucket_AndTheApiHandsOutAWorkingDownloadUrl(string sdkGeneration)
    {
        var bucket = await TestS3.CreateBucketAsync("media");
        var env = TestS3.Settings("MEDIA", bucket, prefix: "media/");
        env["ADMIN_API_KEY"] = AdminKey;
        await using var server = await SightlineProcess.StartAsync(env);
        var tenant = await Tenant.CreateAsync(server, AdminKey);
        using var client = server.CreateClient(tenant.PublicKey, tenant.SecretKey);

        var ids = await NodeScript.RunAsync(server, tenant, "media.mjs", sdkGeneration);

        using var s3 = TestS3.Client();
        foreach (var (field, contentType) in new[] { ("image", "image/png"), ("pdf", "application/pdf") })
        {
            var sha256 = Text(ids, field);
            var mediaId = sha256.Replace('+', '-').Replace('/', '_')[..22];
            var media = await Tenant.ReadAsync(await client.GetAsync($"/api/public/media/{mediaId}"), HttpStatusCode.OK);
            var url = new Uri(Text(media, "url"));
            Assert.Equal(TestS3.Endpoint.Authority, url.Authority);
            Assert.Contains("X-Amz-Signature=", url.Query, StringComparison.Ordinal);
            Assert.Equal(contentType, Text(media, "contentType"));

            using var anonymous = new HttpClient();
            var downloaded = await anonymous.GetByteArrayAsync(url);
            Assert.Equal(sha256, Convert.ToBase64String(SHA256.HashData(downloaded)));

            var key = $"media/{tenant.ProjectId}/{mediaId}";
            using var stored = await s3.GetObjectAsync(bucket, key);
            using var bytes = new MemoryStream();
            await stored.ResponseStream.CopyToAsync(bytes);
            Assert.Equal(downloaded, bytes.ToArray());
            Assert.Equal(contentType, stored.Headers.ContentType);
        }
    }

    [Fact]
    public async Task PresignedUpload_PutByAClient_LandsInTheBucketAndIsServedBack()
    {
        var bucket = await TestS3.CreateBucketAsync("media");
        var env = TestS3.Settings("MEDIA", bucket);
        env["ADMIN_API_KEY"] = AdminKey;
        await using var server = await SightlineProcess.StartAsync(env);
        var tenant = await Tenant.CreateAsync(server, AdminKey);
        using var client = server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var bytes = RandomNumberGenerator.GetBytes(300);
        var announced = await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/media", new
        {
            traceId = Guid.NewGuid().ToString("N"),
            contentType = "image/png",
            contentLength = bytes.Length,
            sha256Hash = Convert.ToBase64String(SHA256.HashData(bytes)),
            field = "input",
        }), HttpStatusCode.Created);
        var mediaId = Text(announced, "mediaId");
        var uploadUrl = new Uri(Text(announced, "uploadUrl"));

        using var anonymous = new HttpClient();
        using var put = new HttpRequestMessage(HttpMethod.Put, uploadUrl) { Content = new ByteArrayContent(bytes) };
        put.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        put.Headers.Add("x-amz-checksum-sha256", Convert.ToBase64String(SHA256.HashData(bytes)));
        using var response = await anonymous.SendAsync(put);

        Assert.Equal(TestS3.Endpoint.Authority, uploadUrl.Authority);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var s3 = TestS3.Client();
        var objects = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Equal($"{tenant.ProjectId}/{mediaId}", Assert.Single(objects.S3Objects).Key);

        // Reported uploaded: the server checks that the object is really there before it records the upload.
        using var patch = await client.PatchAsJsonAsync($"/api/public/media/{mediaId}", new
        {
            uploadedAt = "2026-01-01T00:00:00Z",
            uploadHttpStatus = 200,
        });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var media = await Tenant.ReadAsync(await client.GetAsync($"/api/public/media/{mediaId}"), HttpStatusCode.OK);
        Assert.Equal(bytes, await anonymous.GetByteArrayAsync(Text(media, "url")));
    }

    [Fact]
    public async Task Start_WithABucketThatDoesNotExist_ExitsWithOneLineNamingTheBucket()
    {
        var env = TestS3.Settings("MEDIA", "no-such-bucket-" + Guid.NewGuid().ToString("N")[..8]);

        var (exitCode, _, stderr) = await SightlineProcess.RunToExitAsync(env);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("LANGFUSE_S3_MEDIA_UPLOAD_BUCKET", line, StringComparison.Ordinal);
        Assert.Contains("does not exist", line, StringComparison.Ordinal);
        Assert.Contains("Fix:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithRefusedCredentials_ExitsWithOneLineNamingTheKeys()
    {
        var bucket = await TestS3.CreateBucketAsync("media");
        var env = TestS3.Settings("MEDIA", bucket);
        env["LANGFUSE_S3_MEDIA_UPLOAD_ACCESS_KEY_ID"] = "UNKNOWNKEY";
        env["LANGFUSE_S3_MEDIA_UPLOAD_SECRET_ACCESS_KEY"] = "secret-never-printed";

        var (exitCode, _, stderr) = await SightlineProcess.RunToExitAsync(env);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("LANGFUSE_S3_MEDIA_UPLOAD_ACCESS_KEY_ID", line, StringComparison.Ordinal);
        Assert.Contains("refused", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-never-printed", stderr, StringComparison.Ordinal);
    }

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"'{name}' is null in {element}");
}
