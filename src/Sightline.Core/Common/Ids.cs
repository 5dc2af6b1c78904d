namespace Sightline.Common;

internal static class Ids
{
    /// <summary>A new time-ordered id (UUID v7, 32 hex digits), so inserts stay local in B-tree indexes.</summary>
    public static string New(TimeProvider time) => Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
}
