using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Sightline.LlmConnections.Chat;

/// <summary>
/// What the provider clients share: metadata, and streaming as one update carrying the whole answer, so callers get
/// the <see cref="IChatClient"/> contract without server-sent events. Subclasses send the request.
/// </summary>
internal abstract class ProviderChatClient(string providerName, Uri baseUri) : IChatClient
{
    private readonly ChatClientMetadata _metadata = new(providerName, baseUri);

    public abstract Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The HttpClient belongs to the factory that handed it out.
        GC.SuppressFinalize(this);
    }
}
