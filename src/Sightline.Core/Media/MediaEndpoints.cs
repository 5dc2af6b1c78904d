using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sightline.Api;
using Sightline.Auth;
using Sightline.Storage;

namespace Sightline.Media;

/// <summary>
/// <c>/api/public/media</c>: the SDKs' attachment flow. POST announces an object by its hash and gets an upload URL
/// (none when the bytes are already stored), the client PUTs the bytes there and PATCHes the outcome, and GET hands
/// out a download URL.
/// </summary>
public static class MediaEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/media").WithTags("Media").RequireAuthorization(Policies.ProjectKey);
        group.MapPost("/", CreateUploadUrlAsync)
            .Produces<MediaUploadUrlResponse>(StatusCodes.Status201Created)
            .WithSummary("Announce a media object by its SHA-256 and get a URL to PUT its bytes to (null when already uploaded).");
        group.MapGet("/{mediaId}", GetMediaAsync).WithSummary("A media object with a signed, expiring download URL.");
        group.MapPatch("/{mediaId}", PatchMediaAsync).WithSummary("Record the outcome of the client's upload.");
        app.MapMediaTransfers();
        return app;
    }

    private static async Task<Results<JsonHttpResult<MediaUploadUrlResponse>, BadRequest<ApiError>, Conflict<ApiError>>> CreateUploadUrlAsync(
        HttpRequest request, CallerProject caller, SightlineDbContext db, IMediaStore store, MediaUrls urls, MediaOptions options, TimeProvider time,
        MediaAnnouncementGates gates, ILoggerFactory loggers, CancellationToken ct)
    {
        var (document, bodyProblem) = await ReadJsonAsync(request, ct);
        if (document is null)
        {
            return ApiErrors.BadRequest(bodyProblem!);
        }

        MediaUploadRequest? upload;
        using (document)
        {
            if (MediaRequestParser.ParseUpload(document.RootElement, options.MaxContentLength, out upload) is { } problem)
            {
                return ApiErrors.BadRequest(problem);
            }
        }

        var mediaId = MediaIds.FromSha256Hash(upload!.Sha256Hash);
        var gate = gates.For(caller.ProjectId, mediaId);
        await gate.WaitAsync(ct);
        MediaAsset media;
        bool alreadyStored;
        try
        {
            var existing = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.ProjectId == caller.ProjectId && m.Id == mediaId, ct);
            if (existing is not null && existing.Sha256Hash != upload.Sha256Hash)
            {
                // Two different hashes sharing their first 132 bits: astronomically unlikely, but never mix them up.
                loggers.CreateLogger(typeof(MediaEndpoints)).MediaIdCollision(caller.ProjectId, mediaId);
                return ApiErrors.Conflict($"Media id {mediaId} already belongs to other content in this project");
            }

            if (existing is { IsUploaded: true } && existing.ContentLength != upload.ContentLength)
            {
                return ApiErrors.BadRequest($"contentLength: the content with this sha256Hash is already stored with {existing.ContentLength} bytes, not {upload.ContentLength}");
            }

            (media, alreadyStored) = await RecordAnnouncementAsync(db, store, caller.ProjectId, mediaId, upload, time.GetUtcNow().UtcDateTime, ct);
        }
        finally
        {
            gate.Release();
        }

        var uploadUrl = alreadyStored
            ? null
            : await urls.UploadUrlAsync(request, caller.ProjectId, mediaId, new MediaObject(media.StorageKey, upload.ContentType, upload.ContentLength, upload.Sha256Hash), ct);
        return TypedResults.Json(new MediaUploadUrlResponse(uploadUrl, mediaId), SightlineJson.Default.MediaUploadUrlResponse, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// Inserts or refreshes the media row and records the link. Content already stored under the same type is left
    /// as it is (no new upload); otherwise the row takes the announced type and size, and the upload replaces the bytes.
    /// </summary>
    private static async Task<(MediaAsset Media, bool AlreadyStored)> RecordAnnouncementAsync(
        SightlineDbContext db, IMediaStore store, string projectId, string mediaId, MediaUploadRequest upload, DateTime now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var media = await db.Media.FirstOrDefaultAsync(m => m.ProjectId == projectId && m.Id == mediaId, ct);
                var alreadyStored = media is { IsUploaded: true } && media.ContentType == upload.ContentType;
                if (media is null)
                {
                    media = db.Media.Add(new MediaAsset
                    {
                        ProjectId = projectId,
                        Id = mediaId,
                        Sha256Hash = upload.Sha256Hash,
                        ContentType = upload.ContentType,
                        ContentLength = upload.ContentLength,
                        StorageBucket = store.Bucket,
                        StorageKey = store.KeyFor(projectId, mediaId, upload.ContentType),
                        CreatedAt = now,
                        UpdatedAt = now,
                    }).Entity;
                }
                else if (!alreadyStored)
                {
                    media.ContentType = upload.ContentType;
                    media.ContentLength = upload.ContentLength;
                    media.StorageBucket = store.Bucket;
                    media.StorageKey = store.KeyFor(projectId, mediaId, upload.ContentType);
                    media.UpdatedAt = now;
                }

                var link = MediaLinks.For(projectId, mediaId, upload, now);
                if (!await db.MediaLinks.AnyAsync(l => l.Id == link.Id, ct))
                {
                    db.MediaLinks.Add(link);
                }

                await db.SaveChangesAsync(ct);
                return (media, alreadyStored);
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                // Another node inserted the same row or link first: start over and see it.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static async Task<Results<Ok<MediaDto>, NotFound<ApiError>>> GetMediaAsync(
        string mediaId, HttpRequest request, CallerProject caller, SightlineDbContext db, MediaUrls urls, CancellationToken ct)
    {
        var media = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.ProjectId == caller.ProjectId && m.Id == mediaId, ct);
        if (media is null)
        {
            return ApiErrors.NotFound("Media asset not found");
        }

        if (media.UploadHttpStatus is null)
        {
            return ApiErrors.NotFound("Media not yet uploaded");
        }

        if (!media.IsUploaded)
        {
            return ApiErrors.NotFound(string.Create(CultureInfo.InvariantCulture, $"Media upload failed with status {media.UploadHttpStatus}: {media.UploadHttpError}"));
        }

        var (url, expiresAt) = await urls.DownloadUrlAsync(request, caller.ProjectId, media.Id, new MediaObject(media.StorageKey, media.ContentType, media.ContentLength, media.Sha256Hash), ct);
        var expiry = expiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return TypedResults.Ok(new MediaDto(media.Id, media.ContentType, media.ContentLength, media.UploadedAt, url, expiry));
    }

    private static async Task<Results<Ok<MediaMessageResponse>, BadRequest<ApiError>, NotFound<ApiError>>> PatchMediaAsync(
        string mediaId, HttpRequest request, CallerProject caller, SightlineDbContext db, IMediaStore store, TimeProvider time, CancellationToken ct)
    {
        var (document, bodyProblem) = await ReadJsonAsync(request, ct);
        if (document is null)
        {
            return ApiErrors.BadRequest(bodyProblem!);
        }

        MediaPatchRequest? patch;
        using (document)
        {
            if (MediaRequestParser.ParsePatch(document.RootElement, out patch) is { } problem)
            {
                return ApiErrors.BadRequest(problem);
            }
        }

        var media = await db.Media.FirstOrDefaultAsync(m => m.ProjectId == caller.ProjectId && m.Id == mediaId, ct);
        if (media is null)
        {
            return ApiErrors.NotFound($"Media asset {mediaId} not found in project {caller.ProjectId}");
        }

        var success = patch!.UploadHttpStatus is 200 or 201;
        if (success && !await store.ExistsAsync(media.StorageKey, ct))
        {
            // Recording success without bytes would make later POSTs of the same content skip the upload forever.
            return ApiErrors.BadRequest($"uploadHttpStatus: reports a successful upload, but no bytes were received for media {mediaId}; PUT them to the uploadUrl first");
        }

        media.UploadedAt = patch.UploadedAt;
        media.UploadHttpStatus = patch.UploadHttpStatus;
        media.UploadHttpError = success ? null : patch.UploadHttpError;
        media.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new MediaMessageResponse("OK"));
    }

    private static async Task<(JsonDocument? Document, string? Problem)> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        const string tooLarge = "body: at most 64 KiB";
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, tooLarge);
        }

        using var body = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > MaxBodyBytes)
            {
                return (null, tooLarge);
            }

            body.Write(buffer, 0, read);
        }

        if (body.Length == 0)
        {
            return (null, "body: required, a JSON object");
        }

        try
        {
            return (JsonDocument.Parse(body.ToArray()), null);
        }
        catch (JsonException ex)
        {
            return (null, $"body: not valid JSON ({ex.Message})");
        }
    }
}
