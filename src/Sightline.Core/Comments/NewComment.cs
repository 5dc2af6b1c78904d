namespace Sightline.Comments;

/// <summary>A validated <c>POST /api/public/comments</c> body; the content is trimmed, as Langfuse stores it.</summary>
internal sealed record NewComment(string ProjectId, string ObjectType, string ObjectId, string Content, string? AuthorUserId);
