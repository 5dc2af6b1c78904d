namespace Sightline.Media;

/// <summary>A validated <c>PATCH /api/public/media/{mediaId}</c> body: how the client's upload went.</summary>
internal sealed record MediaPatchRequest(DateTime UploadedAt, int UploadHttpStatus, string? UploadHttpError);
