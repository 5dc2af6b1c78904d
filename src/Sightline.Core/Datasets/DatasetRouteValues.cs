using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Sightline.Datasets;

/// <summary>
/// Dataset and run names (and item ids) from the request path. SDKs percent-encode them, so a name with a slash
/// arrives as <c>a%2Fb</c>; the server decodes every escape in a route value except <c>%2F</c>, so the segment is
/// decoded once from the raw request target instead (as for prompt names).
/// </summary>
internal static class DatasetRouteValues
{
    /// <summary>The <paramref name="index"/>-th path segment after <paramref name="prefix"/>, decoded once.</summary>
    public static string Decode(HttpContext context, string prefix, int index, string routeValue)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is not null)
        {
            var query = raw.IndexOf('?', StringComparison.Ordinal);
            var path = query >= 0 ? raw[..query] : raw;
            var start = path.IndexOf(prefix, StringComparison.OrdinalIgnoreCase);
            if (start >= 0)
            {
                var segments = path[(start + prefix.Length)..].Split('/');
                if (index < segments.Length)
                {
                    return Uri.UnescapeDataString(segments[index]);
                }
            }
        }

        return routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
    }
}
