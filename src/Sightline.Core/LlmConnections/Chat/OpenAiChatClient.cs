using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Sightline.LlmConnections.Chat;

/// <summary>
/// OpenAI's chat completions API (<c>POST {baseURL}/chat/completions</c>, Bearer key), which LiteLLM, vLLM, Ollama and
/// most gateways also speak. For Azure OpenAI the model is the deployment: <c>POST {baseURL}/{deployment}/chat/completions
/// ?api-version=…</c> with the key in an <c>api-key</c> header.
/// </summary>
internal sealed class OpenAiChatClient(HttpClient http, LlmEndpoint endpoint) : ProviderChatClient(endpoint.Adapter == LlmAdapters.Azure ? "azure.ai.openai" : "openai", endpoint.BaseUri)
{
    /// <summary>The Azure OpenAI data-plane version used when a connection's config names none (the latest GA one).</summary>
    public const string DefaultAzureApiVersion = "2024-10-21";

    private bool IsAzure => endpoint.Adapter == LlmAdapters.Azure;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var model = ChatRequests.Model(options);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(model))
        {
            Content = ProviderHttp.Json(w => WriteBody(w, model, messages, options)),
        };
        if (IsAzure)
        {
            request.Headers.TryAddWithoutValidation("api-key", endpoint.SecretKey);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.SecretKey);
        }

        endpoint.AddExtraHeaders(request);
        using var document = await ProviderHttp.SendAsync(http, request, cancellationToken);
        return Parse(document.RootElement, model);
    }

    private Uri Url(string model) => IsAzure
        ? endpoint.Resolve($"{Uri.EscapeDataString(model)}/chat/completions?api-version={Uri.EscapeDataString(endpoint.ApiVersion ?? DefaultAzureApiVersion)}")
        : endpoint.Resolve("chat/completions");

    private void WriteBody(Utf8JsonWriter w, string model, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        w.WriteStartObject();
        if (!IsAzure)
        {
            w.WriteString("model", model);
        }

        w.WriteStartArray("messages");
        foreach (var message in messages)
        {
            w.WriteStartObject();
            w.WriteString("role", message.Role.Value);
            w.WriteString("content", message.Text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (options?.MaxOutputTokens is { } max)
        {
            w.WriteNumber("max_tokens", max);
        }

        ChatRequests.WriteSampling(w, options, "temperature", "top_p", "stop");
        w.WriteEndObject();
    }

    private static ChatResponse Parse(JsonElement root, string model)
    {
        if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
        {
            throw ProviderHttp.Malformed("choices");
        }

        var choice = choices[0];
        var message = choice.TryGetProperty("message", out var m) ? m : default;
        var text = ProviderHttp.String(message, "content") ?? string.Empty;
        var usage = root.TryGetProperty("usage", out var u) ? u : default;
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ResponseId = ProviderHttp.String(root, "id"),
            ModelId = ProviderHttp.String(root, "model") ?? model,
            FinishReason = ProviderHttp.String(choice, "finish_reason") switch
            {
                null => null,
                "stop" => ChatFinishReason.Stop,
                "length" => ChatFinishReason.Length,
                "content_filter" => ChatFinishReason.ContentFilter,
                "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
                var other => new ChatFinishReason(other),
            },
            Usage = ChatRequests.Usage(ProviderHttp.Long(usage, "prompt_tokens"), ProviderHttp.Long(usage, "completion_tokens"), ProviderHttp.Long(usage, "total_tokens")),
        };
    }
}
