using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Sightline.LlmConnections.Chat;

/// <summary>
/// Anthropic's messages API: <c>POST {baseURL}/v1/messages</c> with <c>x-api-key</c> and <c>anthropic-version</c>.
/// A base URL that already ends in <c>/v1</c> is used as it is.
/// </summary>
internal sealed class AnthropicChatClient(HttpClient http, LlmEndpoint endpoint) : ProviderChatClient("anthropic", endpoint.BaseUri)
{
    public const string ApiVersion = "2023-06-01";

    /// <summary>The API requires <c>max_tokens</c>; this is sent when the caller gives none.</summary>
    public const int DefaultMaxTokens = 1024;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var model = ChatRequests.Model(options);
        var list = messages.ToList();
        var path = endpoint.BaseUri.AbsolutePath.TrimEnd('/').EndsWith("/v1", StringComparison.Ordinal) ? "messages" : "v1/messages";
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Resolve(path))
        {
            Content = ProviderHttp.Json(w => WriteBody(w, model, list, options)),
        };
        request.Headers.TryAddWithoutValidation("x-api-key", endpoint.SecretKey);
        request.Headers.TryAddWithoutValidation("anthropic-version", ApiVersion);
        endpoint.AddExtraHeaders(request);
        using var document = await ProviderHttp.SendAsync(http, request, cancellationToken);
        return Parse(document.RootElement, model);
    }

    private static void WriteBody(Utf8JsonWriter w, string model, List<ChatMessage> messages, ChatOptions? options)
    {
        w.WriteStartObject();
        w.WriteString("model", model);
        w.WriteNumber("max_tokens", options?.MaxOutputTokens ?? DefaultMaxTokens);
        if (ChatRequests.SystemText(messages) is { } system)
        {
            w.WriteString("system", system);
        }

        w.WriteStartArray("messages");
        foreach (var message in messages.Where(m => m.Role != ChatRole.System))
        {
            w.WriteStartObject();
            w.WriteString("role", message.Role == ChatRole.Assistant ? "assistant" : "user");
            w.WriteString("content", message.Text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        ChatRequests.WriteSampling(w, options, "temperature", "top_p", "stop_sequences");
        w.WriteEndObject();
    }

    private static ChatResponse Parse(JsonElement root, string model)
    {
        if (!root.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
        {
            throw ProviderHttp.Malformed("content");
        }

        var text = string.Concat(content.EnumerateArray().Where(b => ProviderHttp.String(b, "type") == "text").Select(b => ProviderHttp.String(b, "text")));
        var usage = root.TryGetProperty("usage", out var u) ? u : default;
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ResponseId = ProviderHttp.String(root, "id"),
            ModelId = ProviderHttp.String(root, "model") ?? model,
            FinishReason = ProviderHttp.String(root, "stop_reason") switch
            {
                null => null,
                "end_turn" or "stop_sequence" => ChatFinishReason.Stop,
                "max_tokens" => ChatFinishReason.Length,
                "tool_use" => ChatFinishReason.ToolCalls,
                "refusal" => ChatFinishReason.ContentFilter,
                var other => new ChatFinishReason(other),
            },
            Usage = ChatRequests.Usage(ProviderHttp.Long(usage, "input_tokens"), ProviderHttp.Long(usage, "output_tokens"), null),
        };
    }
}
