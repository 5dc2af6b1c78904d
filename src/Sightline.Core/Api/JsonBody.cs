using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Sightline.Api;

/// <summary>Reads a management endpoint's JSON request body, refusing a declared length above the endpoint's limit.</summary>
internal static class JsonBody
{
    /// <returns>The parsed document (the caller disposes it), or the 400 message naming the body.</returns>
    public static async Task<(JsonDocument? Document, string? Problem)> ReadAsync(
        HttpRequest request, int maxBytes, CancellationToken ct, string invalidJson = "body: not valid JSON")
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, $"body: at most {maxBytes} bytes");
        }

        try
        {
            return (await JsonDocument.ParseAsync(request.Body, cancellationToken: ct), null);
        }
        catch (JsonException)
        {
            return (null, invalidJson);
        }
    }
}
