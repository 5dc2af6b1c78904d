namespace Sightline.Common;

/// <summary>
/// Carries "what this key names changed" to every server node, so each drops what it cached for it. The embedded
/// profile has one node and calls its subscribers in process; the scale profile relays the same announcements
/// through Redis pub/sub, one channel per cache, so web nodes behind a load balancer never serve a stale answer for
/// longer than the transport takes.
/// </summary>
public interface ICacheInvalidation
{
    /// <summary>
    /// Announces a committed change. Subscribers on this node have run when the returned task completes; other nodes
    /// hear of it as soon as the transport delivers it.
    /// </summary>
    ValueTask PublishAsync(string key, CancellationToken ct);

    /// <summary>Calls <paramref name="onChanged"/> with the key of every announced change, this node's own included.</summary>
    IDisposable Subscribe(Action<string> onChanged);
}
