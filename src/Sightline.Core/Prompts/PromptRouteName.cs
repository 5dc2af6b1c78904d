using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Sightline.Prompts;

/// <summary>
/// The prompt name of a <c>/v2/prompts/{name}…</c> request. SDKs percent-encode the name, so a folder name arrives
/// as <c>folder%2Fname</c>; the server decodes every escape in a route value except <c>%2F</c>, which makes
/// <c>%252F</c> (a literal "%2F") and <c>%2F</c> (a slash) look alike there. The raw request target still tells
/// them apart, so the segment is decoded once from it.
/// </summary>
internal static class PromptRouteName
{
    private const string Prefix = "/api/public/v2/prompts/";

    public static string Decode(HttpContext context, string routeValue)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is not null)
        {
            var query = raw.IndexOf('?', StringComparison.Ordinal);
            var path = query >= 0 ? raw[..query] : raw;
            var start = path.IndexOf(Prefix, StringComparison.OrdinalIgnoreCase);
            if (start >= 0)
            {
                var segment = path[(start + Prefix.Length)..];
                var end = segment.IndexOf('/', StringComparison.Ordinal);
                return Uri.UnescapeDataString(end >= 0 ? segment[..end] : segment);
            }
        }

        return routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
    }
}
