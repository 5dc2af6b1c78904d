using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sightline.Api;
using Sightline.Storage;

namespace Sightline.Media;

/// <summary>
/// The server's own transfer URLs, used when the media store hands out no presigned URLs (the embedded profile).
/// They carry no credentials, like presigned S3 URLs: the signed token in the path is the permission, bound to one
/// object, its type, size and hash, and an expiry.
/// </summary>
internal static class MediaTransferEndpoints
{
    public static void MapMediaTransfers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/media").WithTags("Media").AllowAnonymous();
        group.MapPut("/upload/{token}", UploadAsync)
            .Produces(StatusCodes.Status200OK)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status403Forbidden)
            .WithSummary("Receive the bytes for an upload URL from POST /api/public/media (no credentials; the URL is signed).");
        group.MapGet("/download/{token}", DownloadAsync)
            .Produces(StatusCodes.Status200OK)
            .Produces<ApiError>(StatusCodes.Status403Forbidden)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithSummary("Serve a stored media object for a download URL from GET /api/public/media/{mediaId}.");
    }

    private static async Task<IResult> UploadAsync(
        string token, HttpContext context, MediaUrlSigner signer, SightlineDbContext db, IMediaStore store, TimeProvider time,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(MediaTransferEndpoints));
        var check = signer.Verify(token, MediaUrlPurpose.Upload, out var claims);
        if (check != MediaUrlCheck.Valid)
        {
            logger.TransferUrlRefused(check);
            return Forbidden(MediaUrlSigner.Describe(check, MediaUrlPurpose.Upload));
        }

        var request = context.Request;
        if (HeaderProblem(request, claims!) is { } headerProblem)
        {
            logger.UploadRefused(claims!.ProjectId, claims.MediaId, headerProblem);
            return ApiErrors.BadRequest(headerProblem);
        }

        var media = await db.Media.FirstOrDefaultAsync(m => m.ProjectId == claims!.ProjectId && m.Id == claims.MediaId, ct);
        if (media is null || media.Sha256Hash != claims!.Sha256Hash)
        {
            return ApiErrors.NotFound("Media asset not found");
        }

        // Kestrel's default body limit is far below what media may weigh; this request may carry exactly its size.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = claims.ContentLength;
        }

        MediaWriteResult written;
        try
        {
            written = await store.WriteAsync(new MediaObject(media.StorageKey, claims.ContentType, claims.ContentLength, claims.Sha256Hash), request.Body, ct);
        }
        catch (BadHttpRequestException ex)
        {
            if (ex.StatusCode != StatusCodes.Status413PayloadTooLarge)
            {
                return ApiErrors.BadRequest($"body: could not be read completely ({ex.Message}); nothing was stored");
            }

            written = new MediaWriteResult(MediaWriteOutcome.TooLong, claims.ContentLength + 1);
        }
        catch (IOException ex) when (!ct.IsCancellationRequested)
        {
            logger.UploadStoreFailed(ex, claims.ProjectId, claims.MediaId);
            return ApiErrors.Unavailable("The server could not store the upload (its media storage failed or is full); try again later.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (written.Outcome != MediaWriteOutcome.Stored)
        {
            var problem = Describe(written, claims);
            logger.UploadRefused(claims.ProjectId, claims.MediaId, problem);
            if (!media.IsUploaded)
            {
                media.UploadHttpStatus = StatusCodes.Status400BadRequest;
                media.UploadHttpError = problem;
                media.UpdatedAt = now;
                await db.SaveChangesAsync(ct);
            }

            return ApiErrors.BadRequest(problem);
        }

        // The bytes are verified here, so success is recorded without waiting for the client's PATCH.
        media.UploadedAt = now;
        media.UploadHttpStatus = StatusCodes.Status200OK;
        media.UploadHttpError = null;
        media.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        logger.UploadStored(claims.ProjectId, claims.MediaId, claims.ContentLength, claims.ContentType);
        context.Response.Headers["x-amz-checksum-sha256"] = claims.Sha256Hash;
        return TypedResults.Ok();
    }

    private static async Task<IResult> DownloadAsync(
        string token, HttpContext context, MediaUrlSigner signer, SightlineDbContext db, IMediaStore store, TimeProvider time,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var check = signer.Verify(token, MediaUrlPurpose.Download, out var claims);
        if (check != MediaUrlCheck.Valid)
        {
            loggers.CreateLogger(typeof(MediaTransferEndpoints)).TransferUrlRefused(check);
            return Forbidden(MediaUrlSigner.Describe(check, MediaUrlPurpose.Download));
        }

        var media = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.ProjectId == claims!.ProjectId && m.Id == claims.MediaId, ct);
        var content = media is { IsUploaded: true } && media.Sha256Hash == claims!.Sha256Hash
            ? await store.OpenReadAsync(media.StorageKey, ct)
            : null;
        if (content is null)
        {
            return ApiErrors.NotFound("Media asset not found");
        }

        var headers = context.Response.Headers;
        // Uploaded bytes are untrusted: never sniffed into another type, never run as a page of this origin.
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        var maxAge = (long)Math.Max(0, (claims!.ExpiresAt - time.GetUtcNow()).TotalSeconds);
        headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"private, max-age={maxAge}");
        return TypedResults.Stream(
            content,
            media!.ContentType,
            fileDownloadName: MediaContentTypes.CanRunScript(media.ContentType) ? media.Id : null,
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{media.Id}\""),
            enableRangeProcessing: true);
    }

    /// <summary>The checks an S3 presigned URL would make on the request's headers before reading the body.</summary>
    private static string? HeaderProblem(HttpRequest request, MediaUrlClaims claims)
    {
        if (request.ContentLength is { } length && length != claims.ContentLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Content-Length: {length} bytes, but the upload URL was issued for {claims.ContentLength} bytes");
        }

        var contentType = request.ContentType?.Split(';', 2)[0].Trim();
        if (!string.Equals(contentType, claims.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return $"Content-Type: '{contentType}', but the upload URL was issued for '{claims.ContentType}'";
        }

        var checksum = request.Headers["x-amz-checksum-sha256"].ToString();
        if (checksum.Length > 0 && checksum != claims.Sha256Hash)
        {
            return "x-amz-checksum-sha256: does not match the sha256Hash the upload URL was issued for";
        }

        return null;
    }

    private static string Describe(MediaWriteResult written, MediaUrlClaims claims) => written.Outcome switch
    {
        MediaWriteOutcome.TooShort => string.Create(CultureInfo.InvariantCulture, $"body: {written.BytesReceived} bytes, but the upload URL was issued for {claims.ContentLength} bytes; nothing was stored"),
        MediaWriteOutcome.TooLong => string.Create(CultureInfo.InvariantCulture, $"body: more than the {claims.ContentLength} bytes the upload URL was issued for; nothing was stored"),
        _ => "body: its SHA-256 does not match the sha256Hash the upload URL was issued for; nothing was stored",
    };

    private static JsonHttpResult<ApiError> Forbidden(string message) =>
        TypedResults.Json(new ApiError(message, "ForbiddenError"), SightlineJson.Default.ApiError, statusCode: StatusCodes.Status403Forbidden);
}
