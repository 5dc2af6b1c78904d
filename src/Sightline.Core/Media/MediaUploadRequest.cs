namespace Sightline.Media;

/// <summary>
/// A validated <c>POST /api/public/media</c> body: media referenced from a trace (or one of its observations), or
/// from a dataset item.
/// </summary>
internal sealed record MediaUploadRequest(
    string? TraceId,
    string? ObservationId,
    string? DatasetId,
    string? DatasetItemId,
    string ContentType,
    long ContentLength,
    string Sha256Hash,
    string Field);
