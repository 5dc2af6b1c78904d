using Sightline.Tracing;

namespace Sightline.Storage.ClickHouse;

/// <summary>
/// Splits id lists into pieces whose <c>param_</c> value fits a URL: ClickHouse refuses URLs over
/// <c>http_max_uri_size</c> (1 MiB by default), and a worker batch can name many thousands of ids.
/// </summary>
internal static class IdChunks
{
    /// <summary>Distinct ids grouped by project, each group cut into URL-sized pieces.</summary>
    public static IEnumerable<(string ProjectId, List<string> Ids)> ByProject(IEnumerable<EntityKey> keys) =>
        keys.Distinct()
            .GroupBy(k => k.ProjectId, StringComparer.Ordinal)
            .SelectMany(g => Split(g.Select(k => k.Id)).Select(ids => (g.Key, ids)));

    public static IEnumerable<List<string>> Split(IEnumerable<string> ids)
    {
        var chunk = new List<string>();
        var size = 0;
        foreach (var id in ids)
        {
            // Percent-encoding may triple every byte of the quoted, escaped value, plus the separators.
            var cost = (System.Text.Encoding.UTF8.GetByteCount(id) * 3) + 12;
            if (chunk.Count > 0 && size + cost > ClickHouseClient.MaxParameterBytes)
            {
                yield return chunk;
                chunk = [];
                size = 0;
            }

            chunk.Add(id);
            size += cost;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }
}
