namespace Sightline.Media;

/// <summary>Answer to <c>POST /api/public/media</c>: where to PUT the bytes, or null when they are already stored.</summary>
internal sealed record MediaUploadUrlResponse(string? UploadUrl, string MediaId);

/// <summary>Langfuse's <c>GetMediaResponse</c>; <c>urlExpiry</c> is an ISO 8601 string, as Langfuse sends it.</summary>
internal sealed record MediaDto(string MediaId, string ContentType, long ContentLength, DateTime? UploadedAt, string Url, string UrlExpiry);

/// <summary>Langfuse answers a body-less success with <c>{"message": "OK"}</c>.</summary>
internal sealed record MediaMessageResponse(string Message);
