using System.Globalization;
using System.Text.Json;
using Sightline.Api;

namespace Sightline.Comments;

/// <summary>Reads a create-comment body as Langfuse's strict schema does; every problem names the field.</summary>
internal static class CommentRequestParser
{
    private static readonly string[] Fields = ["projectId", "objectType", "objectId", "content", "authorUserId"];

    public static string? Parse(JsonElement body, out NewComment? comment)
    {
        comment = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            return "body: must be a JSON object";
        }

        string projectId = string.Empty, objectId = string.Empty;
        string? objectType = null, authorUserId = null;
        if ((BodyFields.Unknown(body, Fields)
            ?? BodyFields.Required(body, "projectId", 1000, out projectId)
            ?? BodyFields.OneOf(body, "objectType", CommentRules.ObjectTypes, required: true, out objectType)
            ?? BodyFields.Required(body, "objectId", CommentRules.MaxObjectIdLength, out objectId)
            ?? BodyFields.Optional(body, "authorUserId", 1000, out authorUserId)) is { } problem)
        {
            return problem;
        }

        // Langfuse trims the content before checking its length, and stores it trimmed.
        var content = body.TryGetProperty("content", out var element) && element.ValueKind == JsonValueKind.String ? element.GetString()!.Trim() : null;
        if (content is not { Length: > 0 and <= CommentRules.MaxContentLength })
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"content: required, a string of 1 to {CommentRules.MaxContentLength} characters (leading and trailing whitespace not counted)");
        }

        comment = new NewComment(projectId, objectType!, objectId, content, authorUserId);
        return null;
    }
}
