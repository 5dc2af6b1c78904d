using System.Globalization;
using System.Text.Json;
using Sightline.Api;

namespace Sightline.AnnotationQueues;

/// <summary>Reads the annotation queue API's bodies as Langfuse's strict schemas do; every problem names the field.</summary>
internal static class AnnotationQueueRequestParser
{
    private static readonly string[] QueueFields = ["name", "description", "scoreConfigIds"];
    private static readonly string[] ItemFields = ["objectId", "objectType", "status"];
    private static readonly string[] UpdateFields = ["status"];
    private static readonly string[] AssignmentFields = ["userId"];

    public static string? ParseQueue(JsonElement body, out NewAnnotationQueue? queue)
    {
        queue = null;
        string name = string.Empty;
        string? description = null;
        List<string> ids = [];
        if ((Object(body)
            ?? BodyFields.Unknown(body, QueueFields)
            ?? BodyFields.Required(body, "name", AnnotationQueueRules.MaxNameLength, out name)
            ?? BodyFields.Optional(body, "description", AnnotationQueueRules.MaxDescriptionLength, out description)
            ?? ScoreConfigIds(body, out ids)) is { } problem)
        {
            return problem;
        }

        queue = new NewAnnotationQueue(name, description, ids);
        return null;
    }

    public static string? ParseItem(JsonElement body, out NewAnnotationQueueItem? item)
    {
        item = null;
        string objectId = string.Empty;
        string? objectType = null, status = null;
        if ((Object(body)
            ?? BodyFields.Unknown(body, ItemFields)
            ?? BodyFields.Required(body, "objectId", AnnotationQueueRules.MaxObjectIdLength, out objectId)
            ?? BodyFields.OneOf(body, "objectType", AnnotationQueueRules.ObjectTypes, required: true, out objectType)
            ?? BodyFields.OneOf(body, "status", AnnotationQueueRules.Statuses, required: false, out status)) is { } problem)
        {
            return problem;
        }

        item = new NewAnnotationQueueItem(objectId, objectType!, status ?? AnnotationQueueRules.Pending);
        return null;
    }

    /// <summary>The PATCH body: <c>status</c> is optional, so an empty object changes nothing but the update time.</summary>
    public static string? ParseUpdate(JsonElement body, out string? status)
    {
        status = null;
        return Object(body)
            ?? BodyFields.Unknown(body, UpdateFields)
            ?? BodyFields.OneOf(body, "status", AnnotationQueueRules.Statuses, required: false, out status);
    }

    public static string? ParseAssignment(JsonElement body, out string userId)
    {
        userId = string.Empty;
        return Object(body)
            ?? BodyFields.Unknown(body, AssignmentFields)
            ?? BodyFields.Required(body, "userId", 1000, out userId);
    }

    private static string? Object(JsonElement body) => body.ValueKind == JsonValueKind.Object ? null : "body: must be a JSON object";

    private static string? ScoreConfigIds(JsonElement body, out List<string> ids)
    {
        ids = [];
        var required = string.Create(CultureInfo.InvariantCulture,
            $"scoreConfigIds: required, an array of 1 to {AnnotationQueueRules.MaxScoreConfigIds} score config ids");
        if (!body.TryGetProperty("scoreConfigIds", out var list) || list.ValueKind != JsonValueKind.Array
            || list.GetArrayLength() is 0 or > AnnotationQueueRules.MaxScoreConfigIds)
        {
            return required;
        }

        var i = 0;
        foreach (var element in list.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 and <= AnnotationQueueRules.MaxScoreConfigIdLength } id)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"scoreConfigIds[{i}]: must be a score config id, a string of 1 to {AnnotationQueueRules.MaxScoreConfigIdLength} characters");
            }

            ids.Add(id);
            i++;
        }

        return null;
    }
}
