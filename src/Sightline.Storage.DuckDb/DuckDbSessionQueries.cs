using Sightline.Tracing;

namespace Sightline.Storage.DuckDb;

/// <summary>
/// Sessions derived from the traces that name them: created when the first of those traces was, in that trace's
/// environment (ties on the creation time go to the smallest trace id, as the session read picks it). The time and
/// environment filters apply to the derived session, so they follow the grouping.
/// </summary>
internal sealed class DuckDbSessionQueries(DuckDbDatabase database) : ISessionQueries
{
    public async Task<ResultPage<SessionRecord>> ListSessionsAsync(SessionListQuery query, CancellationToken ct)
    {
        var p = new SqlParameters();
        var project = p.Add(query.ProjectId);
        List<string> conditions = ["TRUE"];
        if (query.FromTimestamp is { } from)
        {
            conditions.Add($"created_at >= {p.Add(from)}");
        }

        if (query.ToTimestamp is { } to)
        {
            conditions.Add($"created_at < {p.Add(to)}");
        }

        if (query.Environments.Count > 0)
        {
            conditions.Add($"environment IN ({p.AddEach(query.Environments)})");
        }

        var sessions = $"""
            WITH sessions AS (
                SELECT session_id AS id, min(created_at) AS created_at, arg_min(environment, (created_at, id)) AS environment
                FROM traces
                WHERE project_id = {project} AND session_id IS NOT NULL
                GROUP BY session_id
            )
            """;
        var where = string.Join(" AND ", conditions);
        var count = DuckDbReads.CountAsync(database, $"{sessions} SELECT count(*) FROM sessions WHERE {where}", p.Create(), ct);
        var rows = DuckDbReads.QueryAsync(database,
            $"""
            {sessions}
            SELECT id, created_at, environment FROM sessions
            WHERE {where}
            ORDER BY created_at DESC, id DESC
            LIMIT $limit OFFSET $offset
            """,
            p.Create(("limit", (long)query.Limit), ("offset", query.Offset)),
            r => new SessionRecord(r.GetString(0), query.ProjectId, DuckDbValues.ReadTime(r, 1), r.GetString(2)), ct);
        await Task.WhenAll(count, rows);
        return new ResultPage<SessionRecord>(await rows, await count);
    }

    public async Task<IReadOnlyList<TraceRecord>> GetTracesOfSessionAsync(string projectId, string sessionId, CancellationToken ct)
    {
        var p = new SqlParameters();
        return await DuckDbReads.QueryAsync(database,
            $"""
            SELECT {AnalyticsTables.Traces.SelectListOf("t")} FROM traces t
            WHERE t.project_id = {p.Add(projectId)} AND t.session_id = {p.Add(sessionId)}
            ORDER BY t."timestamp", t.id
            """,
            p.Create(), TraceRows.Read, ct);
    }

    public async Task<bool> SessionExistsAsync(string projectId, string sessionId, CancellationToken ct)
    {
        var p = new SqlParameters();
        var found = await DuckDbReads.CountAsync(database,
            $"SELECT count(*) FROM (SELECT 1 FROM traces WHERE project_id = {p.Add(projectId)} AND session_id = {p.Add(sessionId)} LIMIT 1)",
            p.Create(), ct);
        return found > 0;
    }
}
