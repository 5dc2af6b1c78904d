namespace Sightline.Tracing;

/// <summary>The trace columns Langfuse lets <c>orderBy</c> name.</summary>
public enum TraceSortColumn
{
    Timestamp,
    Id,
    Name,
    UserId,
    Release,
    Version,
    Public,
    Bookmarked,
    SessionId,
}
