using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Sightline.LlmConnections.Chat;

/// <summary>
/// Builds the <see cref="IChatClient"/> for a stored connection. The key and header values are decrypted here and
/// nowhere else, and live only in the client returned.
/// </summary>
internal sealed class LlmChatClientFactory(IHttpClientFactory httpClients, LlmConnectionSecrets secrets)
{
    public const string HttpClientName = "llm-connections";

    /// <summary>Where each adapter's requests go when the connection names no base URL.</summary>
    public static Uri? DefaultBaseUri(string adapter) => adapter switch
    {
        LlmAdapters.OpenAi => new Uri("https://api.openai.com/v1"),
        LlmAdapters.Anthropic => new Uri("https://api.anthropic.com"),
        LlmAdapters.GoogleAiStudio => new Uri("https://generativelanguage.googleapis.com"),
        _ => null,
    };

    /// <summary>The adapters this version can call; the others are stored and listed but not called.</summary>
    public static bool CanCall(string adapter) => adapter is LlmAdapters.OpenAi or LlmAdapters.Azure or LlmAdapters.Anthropic or LlmAdapters.GoogleAiStudio;

    public static string Unsupported(string adapter) =>
        $"the {adapter} adapter is stored but Sightline does not call it yet (it needs {(adapter == LlmAdapters.Bedrock ? "AWS SigV4 signing" : "Google service-account tokens")}); use openai, azure, anthropic or google-ai-studio";

    /// <exception cref="NotSupportedException">The adapter needs cloud credentials signing (Bedrock, Vertex AI) this version does not do.</exception>
    /// <exception cref="Common.SecretDecryptionException">The stored secrets do not decrypt with the current key.</exception>
    public IChatClient Create(LlmConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!CanCall(connection.Adapter))
        {
            throw new NotSupportedException(Unsupported(connection.Adapter));
        }

        var baseUri = connection.BaseUrl is { } url ? new Uri(url) : DefaultBaseUri(connection.Adapter)!;
        var endpoint = new LlmEndpoint(connection.Adapter, baseUri, secrets.OpenKey(connection), secrets.OpenHeaders(connection), ApiVersion(connection));
        var http = httpClients.CreateClient(HttpClientName);
        return connection.Adapter switch
        {
            LlmAdapters.Anthropic => new AnthropicChatClient(http, endpoint),
            LlmAdapters.GoogleAiStudio => new GeminiChatClient(http, endpoint),
            _ => new OpenAiChatClient(http, endpoint),
        };
    }

    private static string? ApiVersion(LlmConnection connection)
    {
        if (connection.Adapter != LlmAdapters.Azure || connection.Config is null)
        {
            return null;
        }

        using var config = JsonDocument.Parse(connection.Config);
        return config.RootElement.TryGetProperty("apiVersion", out var version) && version.ValueKind == JsonValueKind.String ? version.GetString() : null;
    }
}
