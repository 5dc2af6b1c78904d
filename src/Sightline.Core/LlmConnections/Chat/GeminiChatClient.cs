using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Sightline.LlmConnections.Chat;

/// <summary>
/// Google AI Studio's Gemini API: <c>POST {baseURL}/v1beta/models/{model}:generateContent</c> with the key in
/// <c>x-goog-api-key</c> (never in the URL, where proxies would log it).
/// </summary>
internal sealed class GeminiChatClient(HttpClient http, LlmEndpoint endpoint) : ProviderChatClient("gcp.gemini", endpoint.BaseUri)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var model = ChatRequests.Model(options);
        var list = messages.ToList();
        var version = endpoint.BaseUri.AbsolutePath.TrimEnd('/') is var basePath && (basePath.EndsWith("/v1beta", StringComparison.Ordinal) || basePath.EndsWith("/v1", StringComparison.Ordinal))
            ? string.Empty
            : "v1beta/";
        var name = model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Resolve($"{version}models/{Uri.EscapeDataString(name)}:generateContent"))
        {
            Content = ProviderHttp.Json(w => WriteBody(w, list, options)),
        };
        request.Headers.TryAddWithoutValidation("x-goog-api-key", endpoint.SecretKey);
        endpoint.AddExtraHeaders(request);
        using var document = await ProviderHttp.SendAsync(http, request, cancellationToken);
        return Parse(document.RootElement, name);
    }

    private static void WriteBody(Utf8JsonWriter w, List<ChatMessage> messages, ChatOptions? options)
    {
        w.WriteStartObject();
        if (ChatRequests.SystemText(messages) is { } system)
        {
            w.WriteStartObject("systemInstruction");
            WriteParts(w, system);
            w.WriteEndObject();
        }

        w.WriteStartArray("contents");
        foreach (var message in messages.Where(m => m.Role != ChatRole.System))
        {
            w.WriteStartObject();
            w.WriteString("role", message.Role == ChatRole.Assistant ? "model" : "user");
            WriteParts(w, message.Text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("generationConfig");
        if (options?.MaxOutputTokens is { } max)
        {
            w.WriteNumber("maxOutputTokens", max);
        }

        ChatRequests.WriteSampling(w, options, "temperature", "topP", "stopSequences");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteParts(Utf8JsonWriter w, string text)
    {
        w.WriteStartArray("parts");
        w.WriteStartObject();
        w.WriteString("text", text);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static ChatResponse Parse(JsonElement root, string model)
    {
        if (!root.TryGetProperty("candidates", out var candidates) || candidates.ValueKind != JsonValueKind.Array || candidates.GetArrayLength() == 0)
        {
            // A prompt blocked by safety settings comes back without candidates but with a reason.
            var blocked = root.TryGetProperty("promptFeedback", out var feedback) ? ProviderHttp.String(feedback, "blockReason") : null;
            throw blocked is null ? ProviderHttp.Malformed("candidates") : new LlmProviderException(200, $"the prompt was blocked: {blocked}");
        }

        var candidate = candidates[0];
        var parts = candidate.TryGetProperty("content", out var content) && content.TryGetProperty("parts", out var p) && p.ValueKind == JsonValueKind.Array
            ? p.EnumerateArray().Select(part => ProviderHttp.String(part, "text"))
            : [];
        var usage = root.TryGetProperty("usageMetadata", out var u) ? u : default;
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Concat(parts)))
        {
            ResponseId = ProviderHttp.String(root, "responseId"),
            ModelId = ProviderHttp.String(root, "modelVersion") ?? model,
            FinishReason = ProviderHttp.String(candidate, "finishReason") switch
            {
                null => null,
                "STOP" => ChatFinishReason.Stop,
                "MAX_TOKENS" => ChatFinishReason.Length,
                "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" => ChatFinishReason.ContentFilter,
                var other => new ChatFinishReason(other),
            },
            Usage = ChatRequests.Usage(ProviderHttp.Long(usage, "promptTokenCount"), ProviderHttp.Long(usage, "candidatesTokenCount"), ProviderHttp.Long(usage, "totalTokenCount")),
        };
    }
}
