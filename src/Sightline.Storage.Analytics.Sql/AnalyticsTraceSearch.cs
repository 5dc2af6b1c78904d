using System.Globalization;
using Sightline.Tracing;

namespace Sightline.Storage.Analytics.Sql;

/// <summary>
/// The trace list. The page and the count run at once, each with the same WHERE; observation ids, latency, cost and
/// score ids then come for the whole page in one grouped query per table, never one query per trace. Time conditions
/// let both engines skip most of a large table (DuckDB by row-group min/max, ClickHouse by its sort key); DuckDB's
/// top-N sort reads the wide input/output columns only for the rows of the page (measured: the full-row page costs
/// the same as an id-only page, ~40 ms on a million traces).
/// </summary>
internal sealed class AnalyticsTraceSearch(IAnalyticsReader reader) : ITraceSearch
{
    private readonly ISqlDialect _d = reader.Dialect;

    public async Task<ResultPage<TraceListItem>> ListTracesAsync(TraceListQuery query, CancellationToken ct)
    {
        var p = reader.NewParameters();
        var where = string.Join(" AND ", Conditions(query, p));
        var count = reader.QueryAsync($"SELECT count(*) FROM {_d.From("traces", "t")} WHERE {where}", p, r => r.Long(0), ct);
        var traces = reader.QueryAsync(
            $"""
            SELECT {_d.SelectList(RecordTable.Traces, "t")} FROM {_d.From("traces", "t")}
            WHERE {where}
            ORDER BY {OrderBy(query.OrderBy)}
            LIMIT {query.Limit.ToString(CultureInfo.InvariantCulture)} OFFSET {query.Offset.ToString(CultureInfo.InvariantCulture)}
            """,
            p, r => r.Trace(), ct);
        await Task.WhenAll(count, traces);

        var page = await traces;
        var total = (await count)[0];
        if (page.Count == 0)
        {
            return new ResultPage<TraceListItem>([], total);
        }

        var ids = page.Select(t => t.Id).ToList();
        var needObservations = (query.Fields & (TraceFields.Observations | TraceFields.Metrics)) != 0;
        var since = page.Min(t => t.Timestamp) - RelatedRowsLead;
        var until = TraceTree.ObservationWindowAround(page.Max(t => t.Timestamp)).To;
        var observations = needObservations ? ObservationStatsAsync(query.ProjectId, ids, since, until, ct) : Task.FromResult(new Dictionary<string, ObservationStats>());
        var scores = (query.Fields & TraceFields.Scores) != 0 ? ScoreIdsAsync(query.ProjectId, ids, since, ct) : Task.FromResult(new Dictionary<string, List<string>>());
        await Task.WhenAll(observations, scores);

        var stats = await observations;
        var scoreIds = await scores;
        var items = page.Select(t =>
        {
            var s = stats.GetValueOrDefault(t.Id);
            return new TraceListItem(t, s?.Ids ?? [], scoreIds.GetValueOrDefault(t.Id) ?? [], (s?.LatencyMs ?? 0) / 1000.0, s?.TotalCost ?? 0m);
        }).ToList();
        return new ResultPage<TraceListItem>(items, total);
    }

    private List<string> Conditions(TraceListQuery query, SqlParameterSet p)
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

        SqlConditions.AddEquals(conditions, p, "t.user_id", query.UserId);
        SqlConditions.AddEquals(conditions, p, "t.name", query.Name);
        SqlConditions.AddEquals(conditions, p, "t.session_id", query.SessionId);
        SqlConditions.AddEquals(conditions, p, "t.version", query.Version);
        SqlConditions.AddEquals(conditions, p, "t.release", query.Release);
        SqlConditions.AddTags(conditions, _d, p, "t.tags", query.Tags);
        SqlConditions.AddAnyOf(conditions, p, "t.environment", query.Environments);
        conditions.AddRange(query.Conditions.Select(c => FilterSql.Condition(_d, c, FilterColumnSql, "t.metadata", p)));
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
        // Nulls last in both directions, and id breaks ties so pages never overlap.
        return order.Column == TraceSortColumn.Id ? $"t.id {direction}" : $"{column} {direction} NULLS LAST, t.id {direction}";
    }

    /// <summary>
    /// How long before its trace's timestamp an observation or score of the page may start and still be counted.
    /// Without an index on trace_id, finding a page's observations is a scan of the whole table (about a second at
    /// ten million observations in DuckDB); a lower bound on start_time lets the engine skip all older data. Langfuse
    /// relies on the same bound (one hour) when it joins observations to traces.
    /// </summary>
    private static readonly TimeSpan RelatedRowsLead = TimeSpan.FromHours(1);

    private sealed record ObservationStats(List<string> Ids, long LatencyMs, decimal TotalCost);

    // Latency runs from the first start to the last end (a missing end counts as its start), as the trace read does.
    // Observations starting after the page's newest trace by more than the trace read's window
    // (TraceTree.ObservationWindow) are not counted either: without that upper bound, a page of old traces (a session
    // or user from weeks ago) scanned every observation stored since, most of a large table.
    private async Task<Dictionary<string, ObservationStats>> ObservationStatsAsync(string projectId, List<string> traceIds, DateTime since, DateTime until, CancellationToken ct)
    {
        var p = reader.NewParameters();
        var (project, traces, from, to) = (p.Add(projectId), p.AddArray(traceIds), p.Add(since), p.Add(until));
        var rows = await reader.QueryAsync(
            $"""
            SELECT trace_id,
                   {_d.IdsOrderedBy("id", "start_time")},
                   {_d.MillisecondsBetween("min(start_time)", "max(coalesce(end_time, start_time))")},
                   coalesce(sum(total_cost), 0)
            FROM {_d.RowsWhere("observations", project, $"start_time >= {from} AND start_time <= {to} AND {_d.InList("trace_id", traces)}")}
            GROUP BY trace_id
            """,
            p, r => (TraceId: r.String(0), Stats: new ObservationStats(r.StringList(1), r.Long(2), r.Decimal(3))), ct);
        return rows.ToDictionary(r => r.TraceId, r => r.Stats, StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, List<string>>> ScoreIdsAsync(string projectId, List<string> traceIds, DateTime since, CancellationToken ct)
    {
        var p = reader.NewParameters();
        var rows = await reader.QueryAsync(
            $"""
            SELECT trace_id, {_d.IdsOrderedBy("id", "\"timestamp\"")}
            FROM {_d.Table("scores")}
            WHERE project_id = {p.Add(projectId)} AND "timestamp" >= {p.Add(since)} AND {_d.InList("trace_id", p.AddArray(traceIds))}
            GROUP BY trace_id
            """,
            p, r => (TraceId: r.String(0), Ids: r.StringList(1)), ct);
        return rows.ToDictionary(r => r.TraceId, r => r.Ids, StringComparer.Ordinal);
    }
}
