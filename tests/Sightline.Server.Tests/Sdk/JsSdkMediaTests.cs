using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests.Sdk;

/// <summary>
/// The JavaScript SDKs' attachment handling against the real server (tests/sdk-js/media.mjs): each SDK announces its
/// base64 media, uploads the bytes to the server's signed URL, reports the upload, and leaves media references in the
/// trace; the bytes read back through the download URL must be the ones the SDK hashed.
/// </summary>
public sealed class JsSdkMediaTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    private SightlineProcess Server => shared.Server;

    [Theory]
    [InlineData("v3")]
    [InlineData("v5")]
    public async Task Sdk_UploadsDataUriMedia_AndTheTraceHoldsReferencesToIt(string sdkGeneration)
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);

        var ids = await NodeScript.RunAsync(Server, tenant, "media.mjs", sdkGeneration);

        var imageId = MediaId(Text(ids, "image"));
        var pdfId = MediaId(Text(ids, "pdf"));
        var imageTag = $"@@@langfuseMedia:type=image/png|id={imageId}|source=base64_data_uri@@@";
        var pdfTag = $"@@@langfuseMedia:type=application/pdf|id={pdfId}|source=base64_data_uri@@@";
        var trace = await Poll.UntilAsync(client, $"/api/public/traces/{Text(ids, "traceId")}",
            t => t.GetProperty("observations").EnumerateArray().Any(o => o.GetProperty("id").GetString() == Text(ids, "generationId")
                && o.GetProperty("output").ValueKind != JsonValueKind.Null), ReadTimeout);
        Assert.Contains(imageTag, trace.GetProperty("input").GetRawText(), StringComparison.Ordinal);
        var generation = trace.GetProperty("observations").EnumerateArray().Single(o => o.GetProperty("id").GetString() == Text(ids, "generationId"));
        Assert.Contains(imageTag, generation.GetProperty("input").GetRawText(), StringComparison.Ordinal);
        Assert.Contains(pdfTag, generation.GetProperty("output").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("base64,", trace.GetRawText(), StringComparison.Ordinal);

        await AssertStoredAsync(client, imageId, "image/png", Text(ids, "image"));
        await AssertStoredAsync(client, pdfId, "application/pdf", Text(ids, "pdf"));
    }

    private async Task AssertStoredAsync(HttpClient client, string mediaId, string contentType, string sha256)
    {
        var media = await Tenant.ReadAsync(await client.GetAsync($"/api/public/media/{mediaId}"), HttpStatusCode.OK);
        Assert.Equal(contentType, Text(media, "contentType"));
        using var anonymous = Server.CreateClient();
        var bytes = await anonymous.GetByteArrayAsync(Text(media, "url"));
        Assert.Equal(media.GetProperty("contentLength").GetInt64(), bytes.Length);
        Assert.Equal(sha256, Convert.ToBase64String(SHA256.HashData(bytes)));
    }

    private static string MediaId(string sha256) => sha256.Replace('+', '-').Replace('/', '_')[..22];

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"'{name}' is null in {element}");
}
