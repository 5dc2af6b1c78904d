using Sightline.Tracing;

namespace Sightline.Storage.DuckDb;

/// <summary>
/// The observation lists: v1 pages by offset with a count under the same WHERE; v2 continues after a cursor on
/// (start time, trace id, id), descending, so a page costs the same wherever it starts. Filters on the trace's user or
/// session join the project's matching traces.
/// </summary>
internal sealed class DuckDbObservationSearch(DuckDbDatabase database) : IObservationSearch
{
    public async Task<ResultPage<ObservationRecord>> ListObservationsAsync(string projectId, ObservationFilter filter, int page, int limit, CancellationToken ct)
    {
        var parameters = new SqlParameters();
        var from = From(projectId, filter, parameters);
        var where = string.Join(" AND ", Conditions(projectId, filter, parameters));
        var count = DuckDbReads.CountAsync(database, $"SELECT count(*) FROM {from} WHERE {where}", parameters.Create(), ct);
        var rows = DuckDbReads.QueryAsync(database,
            $"""
            SELECT {AnalyticsTables.Observations.SelectListOf("o")} FROM {from}
            WHERE {where}
            ORDER BY o.start_time DESC, o.id DESC
            LIMIT $limit OFFSET $offset
            """,
            parameters.Create(("limit", (long)limit), ("offset", (page - 1L) * limit)), ObservationRows.Read, ct);
        await Task.WhenAll(count, rows);
        return new ResultPage<ObservationRecord>(await rows, await count);
    }

    public async Task<IReadOnlyList<ObservationWithTrace>> ListObservationsAfterAsync(
        string projectId, ObservationFilter filter, ObservationCursor? after, int limit, CancellationToken ct)
    {
        var parameters = new SqlParameters();
        var from = From(projectId, filter, parameters);
        var conditions = Conditions(projectId, filter, parameters);
        if (after is not null)
        {
            // Spelled out rather than as a row comparison so the same text works on ClickHouse.
            var (time, traceId, id) = (parameters.Add(after.StartTime), parameters.Add(after.TraceId), parameters.Add(after.Id));
            conditions.Add($"(o.start_time < {time} OR (o.start_time = {time} AND (o.trace_id < {traceId} OR (o.trace_id = {traceId} AND o.id < {id}))))");
        }

        var observations = await DuckDbReads.QueryAsync(database,
            $"""
            SELECT {AnalyticsTables.Observations.SelectListOf("o")} FROM {from}
            WHERE {string.Join(" AND ", conditions)}
            ORDER BY o.start_time DESC, o.trace_id DESC, o.id DESC
            LIMIT $limit
            """,
            parameters.Create(("limit", (long)limit)), ObservationRows.Read, ct);
        if (observations.Count == 0)
        {
            return [];
        }

        var traces = await TraceContextsAsync(projectId, observations.Select(o => o.TraceId).Distinct(StringComparer.Ordinal).ToList(), ct);
        return observations.Select(o => new ObservationWithTrace(o, traces.GetValueOrDefault(o.TraceId))).ToList();
    }

    private async Task<Dictionary<string, ObservationTraceContext>> TraceContextsAsync(string projectId, List<string> traceIds, CancellationToken ct)
    {
        var p = new SqlParameters();
        var rows = await DuckDbReads.QueryAsync(database,
            $"""
            SELECT id, name, user_id, session_id, tags, release, "public", bookmarked FROM traces
            WHERE project_id = {p.Add(projectId)} AND list_contains({p.Add(traceIds)}, id)
            """,
            p.Create(),
            r => (Id: r.GetString(0), Context: new ObservationTraceContext(
                DuckDbValues.ReadNullableString(r, 1), DuckDbValues.ReadNullableString(r, 2), DuckDbValues.ReadNullableString(r, 3),
                DuckDbReads.ReadList(r, 4), DuckDbValues.ReadNullableString(r, 5), r.GetBoolean(6), r.GetBoolean(7))), ct);
        return rows.ToDictionary(r => r.Id, r => r.Context, StringComparer.Ordinal);
    }

    /// <summary>SQL of each column of <see cref="Tracing.FilterColumns.Observations"/>.</summary>
    private static readonly Dictionary<string, string> FilterColumnSql = new(StringComparer.Ordinal)
    {
        ["id"] = "o.id",
        ["traceId"] = "o.trace_id",
        ["type"] = "o.type",
        ["name"] = "o.name",
        ["level"] = "o.level",
        ["statusMessage"] = "o.status_message",
        ["environment"] = "o.environment",
        ["version"] = "o.version",
        ["parentObservationId"] = "o.parent_observation_id",
        ["providedModelName"] = "o.provided_model_name",
        ["promptName"] = "o.prompt_name",
        ["promptVersion"] = "o.prompt_version",
        ["startTime"] = "o.start_time",
        ["endTime"] = "o.end_time",
        ["completionStartTime"] = "o.completion_start_time",
    };

    // A trace filter is an inner join on the matching traces (one row per trace id, so no duplicates): measured
    // several times faster in DuckDB than the same filter written as IN (subquery).
    private static string From(string projectId, ObservationFilter filter, SqlParameters p)
    {
        if (filter.UserId is null && filter.SessionId is null)
        {
            return "observations o";
        }

        List<string> traceConditions = [$"t.project_id = {p.Add(projectId)}"];
        DuckDbTraceSearch.AddEquals(traceConditions, p, "t.user_id", filter.UserId);
        DuckDbTraceSearch.AddEquals(traceConditions, p, "t.session_id", filter.SessionId);
        return $"observations o JOIN (SELECT t.id FROM traces t WHERE {string.Join(" AND ", traceConditions)}) ft ON ft.id = o.trace_id";
    }

    private static List<string> Conditions(string projectId, ObservationFilter filter, SqlParameters p)
    {
        var project = p.Add(projectId);
        List<string> conditions = [$"o.project_id = {project}"];
        if (filter.FromStartTime is { } from)
        {
            conditions.Add($"o.start_time >= {p.Add(from)}");
        }

        if (filter.ToStartTime is { } to)
        {
            conditions.Add($"o.start_time < {p.Add(to)}");
        }

        DuckDbTraceSearch.AddEquals(conditions, p, "o.trace_id", filter.TraceId);
        DuckDbTraceSearch.AddEquals(conditions, p, "o.type", filter.Type);
        DuckDbTraceSearch.AddEquals(conditions, p, "o.name", filter.Name);
        DuckDbTraceSearch.AddEquals(conditions, p, "o.level", filter.Level);
        DuckDbTraceSearch.AddEquals(conditions, p, "o.parent_observation_id", filter.ParentObservationId);
        DuckDbTraceSearch.AddEquals(conditions, p, "o.version", filter.Version);
        if (filter.Environments.Count > 0)
        {
            conditions.Add($"o.environment IN ({p.AddEach(filter.Environments)})");
        }

        conditions.AddRange(filter.Conditions.Select(c => DuckDbFilterSql.Condition(c, FilterColumnSql, "o.metadata", p)));
        if (filter.IsRoot is { } root)
        {
            conditions.Add(root ? "o.parent_observation_id IS NULL" : "o.parent_observation_id IS NOT NULL");
        }

        return conditions;
    }
}
