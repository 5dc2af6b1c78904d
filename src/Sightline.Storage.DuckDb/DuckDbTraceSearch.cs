using Sightline.Tracing;

namespace Sightline.Storage.DuckDb;

/// <summary>
/// The trace list. The page and the count run at once, each with the same WHERE; observation ids, latency, cost and
/// score ids then come for the whole page in one grouped query per table, never one query per trace. DuckDB keeps
/// min/max per row group for every column, so time conditions skip most row groups of a large table (rows arrive
/// roughly in time order); the top-N sort reads the wide input/output columns only for the rows of the page
/// (measured: the full-row page costs the same as an id-only page, ~40 ms on a million traces).
/// </summary>
internal sealed class DuckDbTraceSearch(DuckDbDatabase database) : ITraceSearch
{
    public async Task<ResultPage<TraceListItem>> ListTracesAsync(TraceListQuery query, CancellationToken ct)
    {
        var parameters = new SqlParameters();
        var where = string.Join(" AND ", Conditions(query, parameters));
        var count = DuckDbReads.CountAsync(database, $"SELECT count(*) FROM traces t WHERE {where}", parameters.Create(), ct);
        var traces = DuckDbReads.QueryAsync(database,
            $"""
            SELECT {AnalyticsTables.Traces.SelectListOf("t")} FROM traces t
            WHERE {where}
            ORDER BY {OrderBy(query.OrderBy)}
            LIMIT $limit OFFSET $offset
            """,
            parameters.Create(("limit", (long)query.Limit), ("offset", query.Offset)), TraceRows.Read, ct);
        await Task.WhenAll(count, traces);

        var page = await traces;
        if (page.Count == 0)
        {
            return new ResultPage<TraceListItem>([], await count);
        }

        var ids = page.Select(t => t.Id).ToList();
        var needObservations = (query.Fields & (TraceFields.Observations | TraceFields.Metrics)) != 0;
        var since = page.Min(t => t.Timestamp) - RelatedRowsLead;
        var observations = needObservations ? ObservationStatsAsync(query.ProjectId, ids, since, ct) : Task.FromResult(new Dictionary<string, ObservationStats>());
        var scores = (query.Fields & TraceFields.Scores) != 0 ? ScoreIdsAsync(query.ProjectId, ids, since, ct) : Task.FromResult(new Dictionary<string, List<string>>());
        await Task.WhenAll(observations, scores);

        var stats = await observations;
        var scoreIds = await scores;
        var items = page.Select(t =>
        {
            var s = stats.GetValueOrDefault(t.Id);
            return new TraceListItem(t, s?.Ids ?? [], scoreIds.GetValueOrDefault(t.Id) ?? [], (s?.LatencyMs ?? 0) / 1000.0, s?.TotalCost ?? 0m);
        }).ToList();
        return new ResultPage<TraceListItem>(items, await count);
    }

    private static List<string> Conditions(TraceListQuery query, SqlParameters p)
    {
        List<string> conditions = [$"t.project_id = {p.Add(query.ProjectId)}"];
        if (query.FromTimestamp is { } from)
        {
            conditions.Add($"t.\"timestamp\" >= {p.Add(from)}");
        }

        if (query.ToTimestamp is { } to)
        {
            conditions.Add($"t.\"timestamp\" < {p.Add(to)}");
        }

        AddEquals(conditions, p, "t.user_id", query.UserId);
        AddEquals(conditions, p, "t.name", query.Name);
        AddEquals(conditions, p, "t.session_id", query.SessionId);
        AddEquals(conditions, p, "t.version", query.Version);
        AddEquals(conditions, p, "t.release", query.Release);
        AddTags(conditions, p, "t.tags", query.Tags);

        if (query.Environments.Count > 0)
        {
            conditions.Add($"t.environment IN ({p.AddEach(query.Environments)})");
        }

        conditions.AddRange(query.Conditions.Select(c => DuckDbFilterSql.Condition(c, FilterColumnSql, "t.metadata", p)));
        return conditions;
    }

    /// <summary>SQL of each column of <see cref="Tracing.FilterColumns.Traces"/>.</summary>
    private static readonly Dictionary<string, string> FilterColumnSql = new(StringComparer.Ordinal)
    {
        ["id"] = "t.id",
        ["name"] = "t.name",
        ["timestamp"] = "t.\"timestamp\"",
        ["userId"] = "t.user_id",
        ["sessionId"] = "t.session_id",
        ["environment"] = "t.environment",
        ["version"] = "t.version",
        ["release"] = "t.release",
        ["tags"] = "t.tags",
        ["bookmarked"] = "t.bookmarked",
    };

    // One list_contains per tag: measured about four times faster than list_has_all on a million traces.
    internal static void AddTags(List<string> conditions, SqlParameters p, string column, IReadOnlyList<string> tags)
    {
        foreach (var tag in tags)
        {
            conditions.Add($"list_contains({column}, {p.Add(tag)})");
        }
    }

    internal static void AddEquals(List<string> conditions, SqlParameters p, string column, string? value)
    {
        if (value is not null)
        {
            conditions.Add($"{column} = {p.Add(value)}");
        }
    }

    private static string OrderBy(TraceOrder order)
    {
        var column = order.Column switch
        {
            TraceSortColumn.Id => "t.id",
            TraceSortColumn.Name => "t.name",
            TraceSortColumn.UserId => "t.user_id",
            TraceSortColumn.Release => "t.release",
            TraceSortColumn.Version => "t.version",
            TraceSortColumn.Public => "t.\"public\"",
            TraceSortColumn.Bookmarked => "t.bookmarked",
            TraceSortColumn.SessionId => "t.session_id",
            _ => "t.\"timestamp\"",
        };
        var direction = order.Descending ? "DESC" : "ASC";
        // Nulls last in both directions (DuckDB's default, and ClickHouse's), and id breaks ties so pages never overlap.
        return order.Column == TraceSortColumn.Id ? $"t.id {direction}" : $"{column} {direction} NULLS LAST, t.id {direction}";
    }

    /// <summary>
    /// How long before its trace's timestamp an observation or score of the page may start and still be counted.
    /// Without an index on trace_id, finding a page's observations is a scan of the whole table (about a second at
    /// ten million observations); a lower bound on start_time lets the row-group min/max skip all older data. Langfuse
    /// relies on the same bound (one hour) when it joins observations to traces.
    /// </summary>
    private static readonly TimeSpan RelatedRowsLead = TimeSpan.FromHours(1);

    private sealed record ObservationStats(List<string> Ids, long LatencyMs, decimal TotalCost);

    // Latency runs from the first start to the last end (a missing end counts as its start), as the trace read does.
    private async Task<Dictionary<string, ObservationStats>> ObservationStatsAsync(string projectId, List<string> traceIds, DateTime since, CancellationToken ct)
    {
        var p = new SqlParameters();
        var rows = await DuckDbReads.QueryAsync(database,
            $"""
            SELECT trace_id,
                   list(id ORDER BY start_time, id),
                   date_diff('millisecond', min(start_time), max(coalesce(end_time, start_time))),
                   coalesce(sum(total_cost), 0)
            FROM observations
            WHERE project_id = {p.Add(projectId)} AND start_time >= {p.Add(since)} AND list_contains({p.Add(traceIds)}, trace_id)
            GROUP BY trace_id
            """,
            p.Create(), r => (TraceId: r.GetString(0), Stats: new ObservationStats(DuckDbReads.ReadList(r, 1), r.GetInt64(2), r.GetDecimal(3))), ct);
        return rows.ToDictionary(r => r.TraceId, r => r.Stats, StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, List<string>>> ScoreIdsAsync(string projectId, List<string> traceIds, DateTime since, CancellationToken ct)
    {
        var p = new SqlParameters();
        var rows = await DuckDbReads.QueryAsync(database,
            $"""
            SELECT trace_id, list(id ORDER BY "timestamp", id)
            FROM scores
            WHERE project_id = {p.Add(projectId)} AND "timestamp" >= {p.Add(since)} AND list_contains({p.Add(traceIds)}, trace_id)
            GROUP BY trace_id
            """,
            p.Create(), r => (TraceId: r.GetString(0), Ids: DuckDbReads.ReadList(r, 1)), ct);
        return rows.ToDictionary(r => r.TraceId, r => r.Ids, StringComparer.Ordinal);
    }
}
