using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Sightline.LlmConnections.Chat;

/// <summary>The request/response plumbing the provider clients share.</summary>
internal static class ProviderHttp
{
    private const int MaxErrorLength = 2000;

    public static ByteArrayContent Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>Sends the request and parses a JSON answer; any other outcome becomes an <see cref="LlmProviderException"/>.</summary>
    public static async Task<JsonDocument> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new LlmProviderException(null, $"could not reach {request.RequestUri?.GetLeftPart(UriPartial.Authority)}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new LlmProviderException(null, $"{request.RequestUri?.GetLeftPart(UriPartial.Authority)} did not answer in time", ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                throw new LlmProviderException(status, string.Create(CultureInfo.InvariantCulture, $"HTTP {status}: {ErrorText(text)}"));
            }

            try
            {
                return JsonDocument.Parse(text);
            }
            catch (JsonException ex)
            {
                throw new LlmProviderException(status, $"the provider's answer is not JSON: {Shorten(text)}", ex);
            }
        }
    }

    /// <summary>
    /// OpenAI, Anthropic and Gemini all put a readable message at <c>error.message</c> (some as a bare
    /// <c>error</c> string); anything else is passed on shortened.
    /// </summary>
    public static string ErrorText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    return Shorten(error.GetString()!);
                }

                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return Shorten(message.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, plain text): pass it on as it is.
        }

        return body.Length == 0 ? "(empty answer)" : Shorten(body);
    }

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static long? Long(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    public static LlmProviderException Malformed(string what) => new(200, $"the provider's answer has no {what}");

    private static string Shorten(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "...";
}
