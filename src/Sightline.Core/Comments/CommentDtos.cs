using Sightline.Api;

namespace Sightline.Comments;

/// <summary>Langfuse's comment object.</summary>
internal sealed record CommentDto(
    string Id,
    string ProjectId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string ObjectType,
    string ObjectId,
    string Content,
    string? AuthorUserId);

internal sealed record CommentListResponse(IReadOnlyList<CommentDto> Data, PageMeta Meta);

internal sealed record CreatedCommentResponse(string Id);
