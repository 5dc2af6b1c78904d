using System.Globalization;
using System.Text.Json;
using Sightline.Api;

namespace Sightline.Datasets;

/// <summary>
/// Reads the dataset API's bodies; every problem names the field. Like Langfuse's (non-strict) schemas for these
/// routes, keys the route does not know are ignored, so newer SDKs sending more fields keep working.
/// </summary>
internal static class DatasetRequestParser
{
    public static string? ParseDataset(JsonElement body, out NewDataset? dataset)
    {
        dataset = null;
        string name = string.Empty;
        string? description = null, metadata = null, inputSchema = null, outputSchema = null;
        bool hasMetadata = false, hasInputSchema = false, hasOutputSchema = false;
        if ((Object(body)
            ?? BodyFields.Required(body, "name", DatasetRules.MaxNameLength, out name)
            ?? BodyFields.Optional(body, "description", DatasetRules.MaxDescriptionLength, out description)
            ?? Json(body, "metadata", out hasMetadata, out metadata)
            ?? Schema(body, "inputSchema", out hasInputSchema, out inputSchema)
            ?? Schema(body, "expectedOutputSchema", out hasOutputSchema, out outputSchema)) is { } problem)
        {
            return problem;
        }

        dataset = new NewDataset(name, body.TryGetProperty("description", out _), description, hasMetadata, metadata,
            hasInputSchema, inputSchema, hasOutputSchema, outputSchema);
        return null;
    }

    public static string? ParseItem(JsonElement body, out NewDatasetItem? item)
    {
        item = null;
        string datasetName = string.Empty;
        string? id = null, sourceTraceId = null, sourceObservationId = null, status = null, input = null, expectedOutput = null, metadata = null;
        if ((Object(body)
            ?? BodyFields.Required(body, "datasetName", DatasetRules.MaxNameLength, out datasetName)
            ?? BodyFields.Optional(body, "id", DatasetRules.MaxItemIdLength, out id)
            ?? Json(body, "input", out _, out input)
            ?? Json(body, "expectedOutput", out _, out expectedOutput)
            ?? Json(body, "metadata", out _, out metadata)
            ?? BodyFields.Optional(body, "sourceTraceId", 1000, out sourceTraceId)
            ?? BodyFields.Optional(body, "sourceObservationId", 1000, out sourceObservationId)
            ?? BodyFields.OneOf(body, "status", DatasetRules.Statuses, required: false, out status)) is { } problem)
        {
            return problem;
        }

        if (id is { Length: 0 })
        {
            return "id: must not be empty; leave it out to have the server assign one";
        }

        item = new NewDatasetItem(datasetName, id, input, expectedOutput, metadata, sourceTraceId, sourceObservationId, status);
        return null;
    }

    public static string? ParseRunItem(JsonElement body, out NewDatasetRunItem? runItem)
    {
        runItem = null;
        string runName = string.Empty, datasetItemId = string.Empty;
        string? runDescription = null, traceId = null, observationId = null, createdAtText = null, versionText = null, metadata = null;
        if ((Object(body)
            ?? BodyFields.Required(body, "runName", DatasetRules.MaxNameLength, out runName)
            ?? BodyFields.Optional(body, "runDescription", DatasetRules.MaxDescriptionLength, out runDescription)
            ?? Json(body, "metadata", out _, out metadata)
            ?? BodyFields.Required(body, "datasetItemId", DatasetRules.MaxItemIdLength, out datasetItemId)
            ?? BodyFields.Optional(body, "traceId", 1000, out traceId)
            ?? BodyFields.Optional(body, "observationId", 1000, out observationId)
            ?? BodyFields.Optional(body, "datasetVersion", 100, out versionText)
            ?? BodyFields.Optional(body, "createdAt", 100, out createdAtText)) is { } problem)
        {
            return problem;
        }

        if (string.IsNullOrEmpty(traceId) && string.IsNullOrEmpty(observationId))
        {
            return "traceId: required unless observationId is given (observationId or traceId must be provided)";
        }

        if (versionText is not null && !QueryValues.TryParseTime(versionText, out _))
        {
            return "datasetVersion: must be an ISO 8601 datetime with a time zone, e.g. 2024-01-01T00:00:00.000Z";
        }

        DateTime? createdAt = null;
        if (createdAtText is not null)
        {
            if (!QueryValues.TryParseTime(createdAtText, out var parsed))
            {
                return "createdAt: must be an ISO 8601 datetime with a time zone, e.g. 2024-01-01T00:00:00.000Z";
            }

            createdAt = parsed;
        }

        runItem = new NewDatasetRunItem(runName, runDescription, metadata, datasetItemId,
            string.IsNullOrEmpty(traceId) ? null : traceId, string.IsNullOrEmpty(observationId) ? null : observationId, createdAt);
        return null;
    }

    private static string? Object(JsonElement body) => body.ValueKind == JsonValueKind.Object ? null : "body: must be a JSON object";

    /// <summary>Any JSON value; absent or null gives null text.</summary>
    private static string? Json(JsonElement body, string name, out bool present, out string? text)
    {
        present = body.TryGetProperty(name, out var element);
        text = present && element.ValueKind != JsonValueKind.Null ? element.GetRawText() : null;
        return text is { Length: > DatasetRules.MaxJsonLength }
            ? string.Create(CultureInfo.InvariantCulture, $"{name}: at most {DatasetRules.MaxJsonLength} characters of JSON")
            : null;
    }

    private static string? Schema(JsonElement body, string name, out bool present, out string? text)
    {
        if (Json(body, name, out present, out text) is { } problem)
        {
            return problem;
        }

        if (text is null)
        {
            return null;
        }

        var schema = body.GetProperty(name);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return $"{name}: must be a JSON Schema object or null";
        }

        return JsonSchemaCheck.SchemaProblem(schema) is { } schemaProblem ? $"{name}: not a valid JSON Schema: {schemaProblem}" : null;
    }
}
