using System.Globalization;
using Sightline.Tracing;

namespace Sightline.Storage.ClickHouse;

/// <summary>
/// The trace list. The page and the count run at once, each with the same WHERE over the FINAL table; observation
/// ids, latency, cost and score ids then come for the whole page in one grouped query per table, never one query
/// per trace.
/// </summary>
internal sealed class ClickHouseTraceSearch(ClickHouseClient client) : ITraceSearch
{
    public async Task<ResultPage<TraceListItem>> ListTracesAsync(TraceListQuery query, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var where = string.Join(" AND ", Conditions(query, p));
        var count = client.QueryAsync($"SELECT count() FROM traces AS t FINAL WHERE {where}", p, r => r.Long(0), ct);
        var traces = client.QueryAsync(
            $"""
            SELECT {ClickHouseTables.Traces.SelectListOf("t")} FROM traces AS t FINAL
            WHERE {where}
            ORDER BY {OrderBy(query.OrderBy)}
            LIMIT {query.Limit.ToString(CultureInfo.InvariantCulture)} OFFSET {query.Offset.ToString(CultureInfo.InvariantCulture)}
            """,
            p, TraceRows.Read, ct);
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
        return new ResultPage<TraceListItem>(items, total);
    }

    private static List<string> Conditions(TraceListQuery query, ClickHouseParameters p)
    {
        List<string> conditions = [$"t.project_id = {p.Add(query.ProjectId)}"];
        if (query.FromTimestamp is { } from)
        {
            conditions.Add($"t.timestamp >= {p.Add(from)}");
        }

        if (query.ToTimestamp is { } to)
        {
            conditions.Add($"t.timestamp < {p.Add(to)}");
        }

        AddEquals(conditions, p, "t.user_id", query.UserId);
        AddEquals(conditions, p, "t.name", query.Name);
        AddEquals(conditions, p, "t.session_id", query.SessionId);
        AddEquals(conditions, p, "t.version", query.Version);
        AddEquals(conditions, p, "t.release", query.Release);
        AddTags(conditions, p, "t.tags", query.Tags);

        if (query.Environments.Count > 0)
        {
            conditions.Add($"t.environment IN ({p.Add(query.Environments)})");
        }

        conditions.AddRange(query.Conditions.Select(c => ClickHouseFilterSql.Condition(c, FilterColumnSql, "t.metadata", p)));
        return conditions;
    }

    /// <summary>SQL of each column of <see cref="Tracing.FilterColumns.Traces"/>.</summary>
    private static readonly Dictionary<string, string> FilterColumnSql = new(StringComparer.Ordinal)
    {
        ["id"] = "t.id",
        ["name"] = "t.name",
        ["timestamp"] = "t.timestamp",
        ["userId"] = "t.user_id",
        ["sessionId"] = "t.session_id",
        ["environment"] = "t.environment",
        ["version"] = "t.version",
        ["release"] = "t.release",
        ["tags"] = "t.tags",
        ["bookmarked"] = "t.bookmarked",
    };

    internal static void AddTags(List<string> conditions, ClickHouseParameters p, string column, IReadOnlyList<string> tags)
    {
        if (tags.Count > 0)
        {
            conditions.Add($"hasAll({column}, {p.Add(tags)})");
        }
    }

    internal static void AddEquals(List<string> conditions, ClickHouseParameters p, string column, string? value)
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
            TraceSortColumn.Public => "t.public",
            TraceSortColumn.Bookmarked => "t.bookmarked",
            TraceSortColumn.SessionId => "t.session_id",
            _ => "t.timestamp",
        };
        var direction = order.Descending ? "DESC" : "ASC";
        // Nulls last in both directions, as the embedded store sorts them, and id breaks ties so pages never overlap.
        return order.Column == TraceSortColumn.Id ? $"t.id {direction}" : $"{column} {direction} NULLS LAST, t.id {direction}";
    }

    /// <summary>
    /// How long before its trace's timestamp an observation or score of the page may start and still be counted; the
    /// embedded store uses the same bound, and Langfuse relies on it (one hour) when it joins observations to traces.
    /// </summary>
    private static readonly TimeSpan RelatedRowsLead = TimeSpan.FromHours(1);

    private sealed record ObservationStats(List<string> Ids, long LatencyMs, decimal TotalCost);

    // Latency runs from the first start to the last end (a missing end counts as its start), as the trace read does.
    private async Task<Dictionary<string, ObservationStats>> ObservationStatsAsync(string projectId, List<string> traceIds, DateTime since, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var (project, traces, from) = (p.Add(projectId), p.Add(traceIds), p.Add(since));
        var onPage = $"trace_id IN ({traces}) AND start_time >= {from}";
        var rows = await client.QueryAsync(
            $"""
            SELECT trace_id,
                   arrayMap(x -> tupleElement(x, 2), arraySort(groupArray((start_time, id)))),
                   toUnixTimestamp64Milli(max(coalesce(end_time, start_time))) - toUnixTimestamp64Milli(min(start_time)),
                   coalesce(sum(total_cost), 0)
            FROM observations FINAL
            WHERE project_id = {project} AND id IN (SELECT id FROM observations WHERE project_id = {project} AND {onPage}) AND {onPage}
            GROUP BY trace_id
            """,
            p, r => (TraceId: r.String(0), Stats: new ObservationStats(r.StringList(1), r.Long(2), r.Decimal(3))), ct);
        return rows.ToDictionary(r => r.TraceId, r => r.Stats, StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, List<string>>> ScoreIdsAsync(string projectId, List<string> traceIds, DateTime since, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var rows = await client.QueryAsync(
            $"""
            SELECT trace_id, arrayMap(x -> tupleElement(x, 2), arraySort(groupArray((timestamp, id))))
            FROM scores FINAL
            WHERE project_id = {p.Add(projectId)} AND timestamp >= {p.Add(since)} AND trace_id IN ({p.Add(traceIds)})
            GROUP BY trace_id
            """,
            p, r => (TraceId: r.String(0), Ids: r.StringList(1)), ct);
        return rows.ToDictionary(r => r.TraceId, r => r.Ids, StringComparer.Ordinal);
    }
}
