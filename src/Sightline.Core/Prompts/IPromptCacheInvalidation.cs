namespace Sightline.Prompts;

/// <summary>
/// Carries "this project's prompts changed" to every server node, so each drops what it cached for the project.
/// The embedded profile has one node and calls its subscribers in process; the scale profile relays the same
/// announcements through Redis pub/sub, so web nodes behind a load balancer never serve a replaced prompt.
/// </summary>
public interface IPromptCacheInvalidation
{
    /// <summary>
    /// Announces a committed change. Subscribers on this node have run when the returned task completes; other nodes
    /// hear of it as soon as the transport delivers it.
    /// </summary>
    ValueTask PublishAsync(string projectId, CancellationToken ct);

    /// <summary>Calls <paramref name="onChanged"/> with the project id of every announced change, this node's own included.</summary>
    IDisposable Subscribe(Action<string> onChanged);
}
