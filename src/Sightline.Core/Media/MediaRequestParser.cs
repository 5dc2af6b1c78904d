using System.Text.Json;
using Sightline.Ingestion;

namespace Sightline.Media;

/// <summary>Validates the media API's JSON bodies; every message names the field at fault.</summary>
internal static class MediaRequestParser
{
    public const int MaxIdLength = 1000;
    public const int MaxUploadErrorLength = 2000;
    private static readonly string[] TraceFields = ["input", "output", "metadata"];
    private static readonly string[] DatasetItemFields = ["input", "expectedOutput", "metadata"];

    /// <summary>Null when valid (then <paramref name="request"/> is set), else the message for a 400.</summary>
    public static string? ParseUpload(JsonElement body, long maxContentLength, out MediaUploadRequest? request)
    {
        request = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            return "body: must be a JSON object";
        }

        string? traceId = null, observationId = null, datasetId = null, datasetItemId = null;
        if ((OptionalId(body, "traceId", out traceId)
            ?? OptionalId(body, "observationId", out observationId)
            ?? OptionalId(body, "datasetId", out datasetId)
            ?? OptionalId(body, "datasetItemId", out datasetItemId)) is { } idProblem)
        {
            return idProblem;
        }

        string[] fields;
        if (datasetItemId is not null || datasetId is not null)
        {
            if (datasetItemId is null)
            {
                return "datasetItemId: required together with datasetId";
            }

            if (datasetId is null)
            {
                return "datasetId: required together with datasetItemId";
            }

            if (traceId is not null || observationId is not null)
            {
                return $"{(traceId is not null ? "traceId" : "observationId")}: not allowed with datasetItemId; media belongs to a trace or to a dataset item, not both";
            }

            fields = DatasetItemFields;
        }
        else
        {
            if (traceId is null)
            {
                return "traceId: required, a non-empty string (or datasetId and datasetItemId for media of a dataset item)";
            }

            fields = TraceFields;
        }

        if (!body.TryGetProperty("contentType", out var typeValue) || typeValue.ValueKind != JsonValueKind.String || !MediaContentTypes.IsKnown(typeValue.GetString()))
        {
            return $"contentType: required, one of {string.Join(", ", MediaContentTypes.All)}";
        }

        if (!body.TryGetProperty("contentLength", out var lengthValue) || lengthValue.ValueKind != JsonValueKind.Number
            || !lengthValue.TryGetInt64(out var contentLength) || contentLength <= 0)
        {
            return "contentLength: required, a positive integer (bytes)";
        }

        if (contentLength > maxContentLength)
        {
            return $"contentLength: {contentLength} bytes is more than the limit of {maxContentLength} bytes (LANGFUSE_S3_MEDIA_MAX_CONTENT_LENGTH)";
        }

        if (!body.TryGetProperty("sha256Hash", out var hashValue) || hashValue.ValueKind != JsonValueKind.String || !MediaIds.IsSha256Base64(hashValue.GetString()))
        {
            return "sha256Hash: required, the base64 SHA-256 of the content (44 characters)";
        }

        if (!body.TryGetProperty("field", out var fieldValue) || fieldValue.ValueKind != JsonValueKind.String || !fields.Contains(fieldValue.GetString(), StringComparer.Ordinal))
        {
            return $"field: required, one of {string.Join(", ", fields)}";
        }

        request = new MediaUploadRequest(
            traceId, observationId, datasetId, datasetItemId, typeValue.GetString()!, contentLength, hashValue.GetString()!, fieldValue.GetString()!);
        return null;
    }

    /// <summary>Null when valid (then <paramref name="request"/> is set), else the message for a 400.</summary>
    public static string? ParsePatch(JsonElement body, out MediaPatchRequest? request)
    {
        request = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            return "body: must be a JSON object";
        }

        if (!body.TryGetProperty("uploadedAt", out var atValue) || atValue.ValueKind != JsonValueKind.String || !JsonFields.TryParseTime(atValue.GetString(), out var uploadedAt))
        {
            return "uploadedAt: required, an ISO 8601 date-time with a time zone (e.g. 2024-01-01T00:00:00.000Z)";
        }

        if (!body.TryGetProperty("uploadHttpStatus", out var statusValue) || statusValue.ValueKind != JsonValueKind.Number
            || !statusValue.TryGetInt32(out var status) || status is < 100 or > 599)
        {
            return "uploadHttpStatus: required, the HTTP status code of the upload (100 to 599)";
        }

        string? error = null;
        if (body.TryGetProperty("uploadHttpError", out var errorValue) && errorValue.ValueKind != JsonValueKind.Null)
        {
            if (errorValue.ValueKind != JsonValueKind.String)
            {
                return "uploadHttpError: must be a string or null";
            }

            error = errorValue.GetString();
            if (error?.Length > MaxUploadErrorLength)
            {
                error = error[..MaxUploadErrorLength];
            }
        }

        if (body.TryGetProperty("uploadTimeMs", out var timeValue) && timeValue.ValueKind != JsonValueKind.Null
            && (timeValue.ValueKind != JsonValueKind.Number || timeValue.GetDouble() < 0))
        {
            return "uploadTimeMs: must be a non-negative number or null";
        }

        request = new MediaPatchRequest(uploadedAt, status, error);
        return null;
    }

    private static string? OptionalId(JsonElement body, string name, out string? value)
    {
        value = null;
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } text)
        {
            return $"{name}: must be a non-empty string";
        }

        if (text.Length > MaxIdLength)
        {
            return $"{name}: at most {MaxIdLength} characters";
        }

        value = text;
        return null;
    }
}
