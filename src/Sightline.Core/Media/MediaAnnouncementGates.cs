namespace Sightline.Media;

/// <summary>
/// Serializes concurrent announcements of the same content within this process. SDKs often announce one image
/// twice at once (a trace's input and its generation's input); without this both insert the media row, one fails on
/// the unique key and is retried. The retry stays for several nodes, but one node should not log failed inserts for
/// an everyday case. Striped: unrelated content sharing a stripe only waits for a few short queries.
/// </summary>
internal sealed class MediaAnnouncementGates
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public SemaphoreSlim For(string projectId, string mediaId) =>
        _stripes[(uint)HashCode.Combine(projectId, mediaId) % (uint)_stripes.Length];
}
