using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Sightline.Auth;
using Sightline.Media;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

/// <summary>The SDKs' media flow against the real server: announce, PUT to the signed URL, PATCH, GET, download.</summary>
public sealed class MediaApiTests(MediaApiServer shared) : IClassFixture<MediaApiServer>
{
    private SightlineProcess Server => shared.Server;

    private sealed record Content(byte[] Bytes, string Hash, string MediaId);

    private static Content NewContent(int length)
    {
        var bytes = RandomNumberGenerator.GetBytes(length);
        var hash = Convert.ToBase64String(SHA256.HashData(bytes));
        return new Content(bytes, hash, hash.Replace('+', '-').Replace('/', '_')[..22]);
    }

    private static Dictionary<string, object?> TraceBody(Content content, string contentType = "image/png", string traceId = "trace-1", string? observationId = null, string field = "input") => new()
    {
        ["traceId"] = traceId,
        ["observationId"] = observationId,
        ["contentType"] = contentType,
        ["contentLength"] = content.Bytes.Length,
        ["sha256Hash"] = content.Hash,
        ["field"] = field,
    };

    private static async Task<(string MediaId, string? UploadUrl)> AnnounceAsync(HttpClient client, object body)
    {
        var answer = await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/media", body), HttpStatusCode.Created);
        return (answer.GetProperty("mediaId").GetString()!, answer.GetProperty("uploadUrl").GetString());
    }

    /// <summary>A PUT as the SDKs send it: no credentials, the announced type and checksum, Azure's blob-type header.</summary>
    private static HttpRequestMessage Put(string url, byte[] body, string contentType, string hash)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add("x-amz-checksum-sha256", hash);
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        return request;
    }

    private async Task<HttpResponseMessage> UploadAsync(string url, byte[] body, string contentType, string hash)
    {
        using var anonymous = Server.CreateClient();
        using var request = Put(url, body, contentType, hash);
        return await anonymous.SendAsync(request);
    }

    /// <summary>The stored bytes of a media object in the data directory, or null.</summary>
    private async Task<byte[]?> StoredAsync(string projectId, string mediaId)
    {
        var path = Path.Combine(Server.DataDirectory, "media", projectId, mediaId);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path) : null;
    }

    private async Task<List<string>> LinksAsync(string projectId)
    {
        if (shared.Stores is { } stores)
        {
            return await stores.RowsAsync(
                "SELECT \"MediaId\", \"TraceId\", \"ObservationId\", \"DatasetId\", \"DatasetItemId\", \"Field\" FROM media_links WHERE \"ProjectId\" = @p ORDER BY \"TraceId\", \"Field\"",
                ("p", projectId));
        }

        await using var db = new SqliteConnection($"Data Source={Path.Combine(Server.DataDirectory, "sightline.db")};Pooling=false");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT MediaId, TraceId, ObservationId, DatasetId, DatasetItemId, Field FROM media_links WHERE ProjectId = $p ORDER BY TraceId, Field";
        command.Parameters.AddWithValue("$p", projectId);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, 6).Select(i => reader.IsDBNull(i) ? "-" : reader.GetString(i))));
        }

        return rows;
    }

    private async Task<long> MediaRowsAsync(string projectId)
    {
        if (shared.Stores is { } stores)
        {
            return await stores.ScalarAsync("SELECT COUNT(*) FROM media WHERE \"ProjectId\" = @p", ("p", projectId));
        }

        await using var db = new SqliteConnection($"Data Source={Path.Combine(Server.DataDirectory, "sightline.db")};Pooling=false");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM media WHERE ProjectId = $p";
        command.Parameters.AddWithValue("$p", projectId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task FullFlow_PostPutPatchGetDownload_ReturnsTheSameBytes()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var content = NewContent(300_000);

        var (mediaId, uploadUrl) = await AnnounceAsync(client, TraceBody(content, observationId: "obs-1", field: "output"));

        Assert.Equal(content.MediaId, mediaId);
        Assert.StartsWith($"{Server.BaseAddress.AbsoluteUri}api/public/media/upload/", uploadUrl, StringComparison.Ordinal);
        var early = await Tenant.ReadAsync(await client.GetAsync($"/api/public/media/{mediaId}"), HttpStatusCode.NotFound);
        Assert.Equal("Media not yet uploaded", early.GetProperty("message").GetString());

        using (var put = await UploadAsync(uploadUrl!, content.Bytes, "image/png", content.Hash))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var uploadedAt = "2025-06-01T10:20:30.456Z";
        var patched = await Tenant.ReadAsync(
            await client.PatchAsJsonAsync($"/api/public/media/{mediaId}", new { uploadedAt, uploadHttpStatus = 200, uploadHttpError = "", uploadTimeMs = 17 }),
            HttpStatusCode.OK);
        Assert.Equal("OK", patched.GetProperty("message").GetString());

        var media = await Tenant.ReadAsync(await client.GetAsync($"/api/public/media/{mediaId}"), HttpStatusCode.OK);
        Assert.Equal(mediaId, media.GetProperty("mediaId").GetString());
        Assert.Equal("image/png", media.GetProperty("contentType").GetString());
        Assert.Equal(content.Bytes.Length, media.GetProperty("contentLength").GetInt64());
        Assert.Equal(uploadedAt, media.GetProperty("uploadedAt").GetString());
        var expiry = DateTimeOffset.Parse(media.GetProperty("urlExpiry").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(expiry - TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        var url = media.GetProperty("url").GetString()!;
        Assert.StartsWith($"{Server.BaseAddress.AbsoluteUri}api/public/media/download/", url, StringComparison.Ordinal);

        using var anonymous = Server.CreateClient();
        using var download = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(content.Bytes, await download.Content.ReadAsByteArrayAsync());

        Assert.Equal(content.Bytes, await StoredAsync(tenant.ProjectId, mediaId));
        Assert.Equal([$"{mediaId}|trace-1|obs-1|-|-|output"], await LinksAsync(tenant.ProjectId));
    }

    [Fact]
    public async Task SameHashAgain_AfterUpload_GetsNoUploadUrl_ButANewTypeGetsOne()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var content = NewContent(1000);
        var (mediaId, uploadUrl) = await AnnounceAsync(client, TraceBody(content, "application/pdf"));
        using (var put = await UploadAsync(uploadUrl!, content.Bytes, "application/pdf", content.Hash))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        // The PUT alone records the verified upload: no PATCH is needed for the next announcement to skip it.
        var again = await AnnounceAsync(client, TraceBody(content, "application/pdf", traceId: "trace-2", field: "metadata"));
        var repeated = await AnnounceAsync(client, TraceBody(content, "application/pdf", traceId: "trace-2", field: "metadata"));
        var retyped = await AnnounceAsync(client, TraceBody(content, "application/octet-stream", traceId: "trace-2"));

        Assert.Equal((mediaId, (string?)null), again);
        Assert.Equal((mediaId, (string?)null), repeated);
        Assert.Equal(mediaId, retyped.MediaId);
        Assert.NotNull(retyped.UploadUrl);
        Assert.Equal(
            [$"{mediaId}|trace-1|-|-|-|input", $"{mediaId}|trace-2|-|-|-|input", $"{mediaId}|trace-2|-|-|-|metadata"],
            await LinksAsync(tenant.ProjectId));
    }

    [Fact]
    public async Task ConcurrentAnnouncements_OfOneContent_MakeOneRowAndOneLinkPerReference()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var content = NewContent(128);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => AnnounceAsync(client, TraceBody(content, traceId: $"trace-{i % 4}"))));

        Assert.All(answers, a => Assert.Equal(content.MediaId, a.MediaId));
        Assert.All(answers, a => Assert.NotNull(a.UploadUrl));
        Assert.Equal(1, await MediaRowsAsync(tenant.ProjectId));
        Assert.Equal(4, (await LinksAsync(tenant.ProjectId)).Count);
        Assert.DoesNotContain("UNIQUE constraint failed", Server.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sha256Hash", "not-a-hash", "sha256Hash:")]
    [InlineData("sha256Hash", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", "sha256Hash:")]
    [InlineData("contentType", "image/heic", "contentType: required, one of image/png")]
    [InlineData("contentLength", 0, "contentLength:")]
    [InlineData("contentLength", 2_000_000_000, "contentLength: 2000000000 bytes is more than the limit of 1000000000 bytes")]
    [InlineData("field", "body", "field: required, one of input, output, metadata")]
    [InlineData("traceId", null, "traceId: required")]
    public async Task Post_BadField_Returns400NamingIt_AndStoresNothing(string field, object? value, string expected)
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var body = TraceBody(NewContent(10));
        body[field] = value;

        var error = await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/media", body), HttpStatusCode.BadRequest);

        Assert.StartsWith(expected, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("InvalidRequestError", error.GetProperty("error").GetString());
        Assert.Equal(0, await MediaRowsAsync(tenant.ProjectId));
    }

    [Fact]
    public async Task Put_BodyNotMatchingTheHash_Returns400_StoresNothing_AndAllowsARetry()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var content = NewContent(5000);
        var (mediaId, uploadUrl) = await AnnounceAsync(client, TraceBody(content));
        var tampered = (byte[])content.Bytes.Clone();
        tampered[42] ^= 1;

        using (var bad = await UploadAsync(uploadUrl!, tampered, "image/png", content.Hash))
        {
            var error = await Tenant.ReadAsync(bad, HttpStatusCode.BadRequest);
            Assert.Contains("SHA-256 does not match", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.Null(await StoredAsync(tenant.ProjectId, mediaId));
        var failed = await Tenant.ReadAsync(await client.GetAsync($"/api/public/media/{mediaId}"), HttpStatusCode.NotFound);
        Assert.StartsWith("Media upload failed with status 400", failed.GetProperty("message").GetString(), StringComparison.Ordinal);

        // A failed upload is not "already uploaded": the SDK's next attempt gets a URL again and succeeds.
        var (_, retryUrl) = await AnnounceAsync(client, TraceBody(content));
        Assert.NotNull(retryUrl);
        using (var good = await UploadAsync(retryUrl!, content.Bytes, "image/png", content.Hash))
        {
            Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        }

        await Tenant.ReadAsync(await client.GetAsync($"/api/public/media/{mediaId}"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Put_WithOtherTypeOrLengthOrChecksum_Returns400NamingTheHeader()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var content = NewContent(2000);
        var (mediaId, uploadUrl) = await AnnounceAsync(client, TraceBody(content));

        using var wrongType = await UploadAsync(uploadUrl!, content.Bytes, "image/jpeg", content.Hash);
        using var shorter = await UploadAsync(uploadUrl!, content.Bytes[..1999], "image/png", content.Hash);
        using var otherChecksum = await UploadAsync(uploadUrl!, content.Bytes, "image/png", NewContent(5).Hash);

        Assert.StartsWith("Content-Type:", (await Tenant.ReadAsync(wrongType, HttpStatusCode.BadRequest)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Content-Length: 1999 bytes", (await Tenant.ReadAsync(shorter, HttpStatusCode.BadRequest)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("x-amz-checksum-sha256:", (await Tenant.ReadAsync(otherChecksum, HttpStatusCode.BadRequest)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(await StoredAsync(tenant.ProjectId, mediaId));
    }

    [Fact]
    public async Task Put_WithTamperedExpiredWrongOrMissingToken_IsRefused_AndStoresNothing()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var content = NewContent(100);
        var (mediaId, announcedUrl) = await AnnounceAsync(client, TraceBody(content));
        var uploadUrl = Assert.IsType<string>(announcedUrl);
        var token = uploadUrl[(uploadUrl.LastIndexOf('/') + 1)..];
        var baseUrl = uploadUrl[..(uploadUrl.LastIndexOf('/') + 1)];

        // Another object's claims under this token's signature.
        var other = NewContent(100);
        var otherUrl = Assert.IsType<string>((await AnnounceAsync(client, TraceBody(other))).UploadUrl);
        var otherToken = otherUrl[(otherUrl.LastIndexOf('/') + 1)..];
        var spliced = otherToken[..otherToken.IndexOf('.', StringComparison.Ordinal)] + token[token.IndexOf('.', StringComparison.Ordinal)..];

        // A correctly signed token that expired a minute ago, made with this instance's own key.
        var key = Convert.FromHexString(shared.Stores is null
            ? (await File.ReadAllTextAsync(Path.Combine(Server.DataDirectory, "encryption-key"))).Trim()
            : ScaleStores.EncryptionKey);
        var signer = new MediaUrlSigner(new InstanceSecrets([], key), TimeProvider.System);
        var expired = signer.Sign(new MediaUrlClaims(MediaUrlPurpose.Upload, tenant.ProjectId, mediaId, "image/png", 100, content.Hash, TimeProvider.System.GetUtcNow().AddMinutes(-1)));
        var download = signer.Sign(new MediaUrlClaims(MediaUrlPurpose.Download, tenant.ProjectId, mediaId, "image/png", 100, content.Hash, TimeProvider.System.GetUtcNow().AddMinutes(5)));

        using var splicedAnswer = await UploadAsync(baseUrl + spliced, content.Bytes, "image/png", content.Hash);
        using var expiredAnswer = await UploadAsync(baseUrl + expired, content.Bytes, "image/png", content.Hash);
        using var downloadAnswer = await UploadAsync(baseUrl + download, content.Bytes, "image/png", content.Hash);
        using var garbageAnswer = await UploadAsync(baseUrl + "garbage", content.Bytes, "image/png", content.Hash);
        using var missingAnswer = await UploadAsync(baseUrl, content.Bytes, "image/png", content.Hash);

        Assert.Contains("signature does not match", (await Tenant.ReadAsync(splicedAnswer, HttpStatusCode.Forbidden)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("expired", (await Tenant.ReadAsync(expiredAnswer, HttpStatusCode.Forbidden)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("download URL", (await Tenant.ReadAsync(downloadAnswer, HttpStatusCode.Forbidden)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("malformed", (await Tenant.ReadAsync(garbageAnswer, HttpStatusCode.Forbidden)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.InRange((int)missingAnswer.StatusCode, 400, 499);
        Assert.Null(await StoredAsync(tenant.ProjectId, mediaId));
        Assert.Null(await StoredAsync(tenant.ProjectId, other.MediaId));
    }

    [Fact]
    public async Task OtherProject_CannotReadOrPatch_AndItsOwnAnnouncementIsSeparate()
    {
        var owner = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        var stranger = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var ownerClient = Server.CreateClient(owner.PublicKey, owner.SecretKey);
        using var strangerClient = Server.CreateClient(stranger.PublicKey, stranger.SecretKey);
        var content = NewContent(64);
        var (mediaId, uploadUrl) = await AnnounceAsync(ownerClient, TraceBody(content));
        (await UploadAsync(uploadUrl!, content.Bytes, "image/png", content.Hash)).Dispose();

        var read = await Tenant.ReadAsync(await strangerClient.GetAsync($"/api/public/media/{mediaId}"), HttpStatusCode.NotFound);
        var patch = await Tenant.ReadAsync(
            await strangerClient.PatchAsJsonAsync($"/api/public/media/{mediaId}", new { uploadedAt = "2025-01-01T00:00:00Z", uploadHttpStatus = 500 }),
            HttpStatusCode.NotFound);
        var (strangerId, strangerUrl) = await AnnounceAsync(strangerClient, TraceBody(content));

        Assert.Equal("Media asset not found", read.GetProperty("message").GetString());
        Assert.Equal("LangfuseNotFoundError", read.GetProperty("error").GetString());
        Assert.Contains(mediaId, patch.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(mediaId, strangerId);
        Assert.NotNull(strangerUrl);
        // The stranger's failed PATCH did not touch the owner's record.
        await Tenant.ReadAsync(await ownerClient.GetAsync($"/api/public/media/{mediaId}"), HttpStatusCode.OK);
        using var anonymous = Server.CreateClient();
        await Tenant.ReadAsync(await anonymous.GetAsync($"/api/public/media/{mediaId}"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Patch_ReportsFailure_OrSuccessWithoutBytes_AreHandledTruthfully()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var content = NewContent(64);
        var (mediaId, _) = await AnnounceAsync(client, TraceBody(content));

        var claimed = await Tenant.ReadAsync(
            await client.PatchAsJsonAsync($"/api/public/media/{mediaId}", new { uploadedAt = "2025-01-01T00:00:00Z", uploadHttpStatus = 200 }),
            HttpStatusCode.BadRequest);
        Assert.StartsWith("uploadHttpStatus:", claimed.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("Media not yet uploaded", (await Tenant.ReadAsync(await client.GetAsync($"/api/public/media/{mediaId}"), HttpStatusCode.NotFound)).GetProperty("message").GetString());

        await Tenant.ReadAsync(
            await client.PatchAsJsonAsync($"/api/public/media/{mediaId}", new { uploadedAt = "2025-01-01T00:00:00Z", uploadHttpStatus = 403, uploadHttpError = "AccessDenied" }),
            HttpStatusCode.OK);
        var failed = await Tenant.ReadAsync(await client.GetAsync($"/api/public/media/{mediaId}"), HttpStatusCode.NotFound);
        Assert.Equal("Media upload failed with status 403: AccessDenied", failed.GetProperty("message").GetString());

        var badBody = await Tenant.ReadAsync(
            await client.PatchAsJsonAsync($"/api/public/media/{mediaId}", new { uploadedAt = "yesterday", uploadHttpStatus = 200 }),
            HttpStatusCode.BadRequest);
        Assert.StartsWith("uploadedAt:", badBody.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatasetItemMedia_IsLinkedToTheItem()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var content = NewContent(32);

        var (mediaId, uploadUrl) = await AnnounceAsync(client, new
        {
            datasetId = "dataset-1",
            datasetItemId = "item-1",
            contentType = "audio/wav",
            contentLength = 32,
            sha256Hash = content.Hash,
            field = "expectedOutput",
        });
        using var put = await UploadAsync(uploadUrl!, content.Bytes, "audio/wav", content.Hash);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal([$"{mediaId}|-|-|dataset-1|item-1|expectedOutput"], await LinksAsync(tenant.ProjectId));
    }

    [Fact]
    public async Task Upload_LargerThanTheDefaultRequestLimit_IsAccepted()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var content = NewContent((64 * 1024 * 1024) + 4096); // past the server's 64 MiB default body limit

        var (mediaId, uploadUrl) = await AnnounceAsync(client, TraceBody(content, "video/mp4"));
        using var put = await UploadAsync(uploadUrl!, content.Bytes, "video/mp4", content.Hash);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(content.Bytes.Length, (await StoredAsync(tenant.ProjectId, mediaId))!.Length);
    }

    [Fact]
    [Trait(TestProfile.Trait, TestProfile.OwnServers)]
    public async Task PublicUrlAndMaxLength_FollowNextAuthUrlAndTheLangfuseVariable()
    {
        await using var server = await SightlineProcess.StartAsync(new Dictionary<string, string>
        {
            ["NEXTAUTH_URL"] = "https://sightline.example.test/base/",
            ["LANGFUSE_S3_MEDIA_MAX_CONTENT_LENGTH"] = "1000",
            ["LANGFUSE_INIT_ORG_ID"] = "org-media",
            ["LANGFUSE_INIT_PROJECT_ID"] = "project-media",
            ["LANGFUSE_INIT_PROJECT_PUBLIC_KEY"] = "pk-lf-media",
            ["LANGFUSE_INIT_PROJECT_SECRET_KEY"] = "sk-lf-media",
        });
        using var client = server.CreateClient("pk-lf-media", "sk-lf-media");

        var answer = await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/media", TraceBody(NewContent(1000))), HttpStatusCode.Created);
        var tooBig = await Tenant.ReadAsync(await client.PostAsJsonAsync("/api/public/media", TraceBody(NewContent(1001))), HttpStatusCode.BadRequest);

        Assert.StartsWith("https://sightline.example.test/base/api/public/media/upload/", answer.GetProperty("uploadUrl").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("contentLength: 1001 bytes is more than the limit of 1000 bytes", tooBig.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
