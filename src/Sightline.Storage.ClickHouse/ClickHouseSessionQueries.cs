using System.Globalization;
using Sightline.Tracing;

namespace Sightline.Storage.ClickHouse;

/// <summary>
/// Sessions derived from the traces that name them: created when the first of those traces was, in that trace's
/// environment (ties on the creation time go to the smallest trace id). The time and environment filters apply to
/// the derived session, so they follow the grouping.
/// </summary>
internal sealed class ClickHouseSessionQueries(ClickHouseClient client) : ISessionQueries
{
    public async Task<ResultPage<SessionRecord>> ListSessionsAsync(SessionListQuery query, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var project = p.Add(query.ProjectId);
        List<string> conditions = ["true"];
        if (query.FromTimestamp is { } from)
        {
            conditions.Add($"first_created >= {p.Add(from)}");
        }

        if (query.ToTimestamp is { } to)
        {
            conditions.Add($"first_created < {p.Add(to)}");
        }

        if (query.Environments.Count > 0)
        {
            conditions.Add($"first_environment IN ({p.Add(query.Environments)})");
        }

        // The aliases differ from every column name: ClickHouse resolves a name to a SELECT alias before a column.
        var sessions = $"""
            SELECT assumeNotNull(session_id) AS sid, min(created_at) AS first_created, argMin(environment, (created_at, id)) AS first_environment
            FROM traces FINAL
            WHERE project_id = {project} AND session_id IS NOT NULL
            GROUP BY session_id
            """;
        var where = string.Join(" AND ", conditions);
        var count = client.QueryAsync($"SELECT count() FROM ({sessions}) WHERE {where}", p, r => r.Long(0), ct);
        var rows = client.QueryAsync(
            $"""
            SELECT sid, first_created, first_environment FROM ({sessions})
            WHERE {where}
            ORDER BY first_created DESC, sid DESC
            LIMIT {query.Limit.ToString(CultureInfo.InvariantCulture)} OFFSET {query.Offset.ToString(CultureInfo.InvariantCulture)}
            """,
            p, r => new SessionRecord(r.String(0), query.ProjectId, r.Time(1), r.String(2)), ct);
        await Task.WhenAll(count, rows);
        return new ResultPage<SessionRecord>(await rows, (await count)[0]);
    }

    public async Task<IReadOnlyList<TraceRecord>> GetTracesOfSessionAsync(string projectId, string sessionId, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        return await client.QueryAsync(
            $"""
            SELECT {ClickHouseTables.Traces.SelectList} FROM traces FINAL
            WHERE {TracesOfSession(p.Add(projectId), p.Add(sessionId))}
            ORDER BY timestamp, id
            """,
            p, TraceRows.Read, ct);
    }

    public async Task<bool> SessionExistsAsync(string projectId, string sessionId, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var found = await client.QueryAsync(
            $"SELECT count() FROM (SELECT 1 FROM traces FINAL WHERE {TracesOfSession(p.Add(projectId), p.Add(sessionId))} LIMIT 1)", p, r => r.Long(0), ct);
        return found[0] > 0;
    }

    // Candidate ids from any row version first, then the session checked again on the merged row (see
    // ClickHouseAnalyticsStore on FINAL and filters outside the sorting key).
    private static string TracesOfSession(string project, string session) =>
        $"project_id = {project} AND id IN (SELECT id FROM traces WHERE project_id = {project} AND session_id = {session}) AND session_id = {session}";
}
