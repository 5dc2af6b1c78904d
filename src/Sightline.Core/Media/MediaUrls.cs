using Microsoft.AspNetCore.Http;

namespace Sightline.Media;

/// <summary>The URLs handed to clients: the store's presigned ones when it has them, else the server's signed transfer URLs.</summary>
internal sealed class MediaUrls(IMediaStore store, MediaUrlSigner signer, MediaOptions options, TimeProvider time)
{
    public const string UploadPath = "/api/public/media/upload/";
    public const string DownloadPath = "/api/public/media/download/";

    public async ValueTask<string> UploadUrlAsync(HttpRequest request, string projectId, string mediaId, MediaObject media, CancellationToken ct)
    {
        var expiresAt = time.GetUtcNow() + options.UploadUrlLifetime;
        if (await store.PresignUploadAsync(media, expiresAt, ct) is { } presigned)
        {
            return presigned.AbsoluteUri;
        }

        var token = signer.Sign(new MediaUrlClaims(MediaUrlPurpose.Upload, projectId, mediaId, media.ContentType, media.ContentLength, media.Sha256Hash, expiresAt));
        return PublicBase(request) + UploadPath + token;
    }

    public async ValueTask<(string Url, DateTimeOffset ExpiresAt)> DownloadUrlAsync(HttpRequest request, string projectId, string mediaId, MediaObject media, CancellationToken ct)
    {
        var expiresAt = time.GetUtcNow() + options.DownloadUrlLifetime;
        if (await store.PresignDownloadAsync(media, expiresAt, ct) is { } presigned)
        {
            return (presigned.AbsoluteUri, expiresAt);
        }

        var token = signer.Sign(new MediaUrlClaims(MediaUrlPurpose.Download, projectId, mediaId, media.ContentType, media.ContentLength, media.Sha256Hash, expiresAt));
        return (PublicBase(request) + DownloadPath + token, expiresAt);
    }

    /// <summary>
    /// <c>NEXTAUTH_URL</c> when set (the address clients reach, also behind a proxy), else the scheme, host and
    /// path base the request came in on.
    /// </summary>
    private string PublicBase(HttpRequest request) =>
        options.PublicUrl is { } configured
            ? configured.AbsoluteUri.TrimEnd('/')
            : $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}";
}
