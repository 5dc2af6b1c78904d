using System.Globalization;
using Sightline.Tracing;

namespace Sightline.Storage.ClickHouse;

/// <summary>
/// The observation lists: v1 pages by offset with a count under the same WHERE; v2 continues after a cursor on
/// (start time, trace id, id), descending. Filters on the trace's user or session keep the observations whose trace
/// is among the project's matching traces.
/// </summary>
internal sealed class ClickHouseObservationSearch(ClickHouseClient client) : IObservationSearch
{
    public async Task<ResultPage<ObservationRecord>> ListObservationsAsync(string projectId, ObservationFilter filter, int page, int limit, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var where = string.Join(" AND ", Conditions(projectId, filter, p));
        var count = client.QueryAsync($"SELECT count() FROM observations AS o FINAL WHERE {where}", p, r => r.Long(0), ct);
        var rows = client.QueryAsync(
            $"""
            SELECT {ClickHouseTables.Observations.SelectListOf("o")} FROM observations AS o FINAL
            WHERE {where}
            ORDER BY o.start_time DESC, o.id DESC
            LIMIT {limit.ToString(CultureInfo.InvariantCulture)} OFFSET {((page - 1L) * limit).ToString(CultureInfo.InvariantCulture)}
            """,
            p, ObservationRows.Read, ct);
        await Task.WhenAll(count, rows);
        return new ResultPage<ObservationRecord>(await rows, (await count)[0]);
    }

    public async Task<IReadOnlyList<ObservationWithTrace>> ListObservationsAfterAsync(
        string projectId, ObservationFilter filter, ObservationCursor? after, int limit, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var conditions = Conditions(projectId, filter, p);
        if (after is not null)
        {
            var (time, traceId, id) = (p.Add(after.StartTime), p.Add(after.TraceId), p.Add(after.Id));
            conditions.Add($"(o.start_time < {time} OR (o.start_time = {time} AND (o.trace_id < {traceId} OR (o.trace_id = {traceId} AND o.id < {id}))))");
        }

        var observations = await client.QueryAsync(
            $"""
            SELECT {ClickHouseTables.Observations.SelectListOf("o")} FROM observations AS o FINAL
            WHERE {string.Join(" AND ", conditions)}
            ORDER BY o.start_time DESC, o.trace_id DESC, o.id DESC
            LIMIT {limit.ToString(CultureInfo.InvariantCulture)}
            """,
            p, ObservationRows.Read, ct);
        if (observations.Count == 0)
        {
            return [];
        }

        var traces = await TraceContextsAsync(projectId, observations.Select(o => o.TraceId).Distinct(StringComparer.Ordinal).ToList(), ct);
        return observations.Select(o => new ObservationWithTrace(o, traces.GetValueOrDefault(o.TraceId))).ToList();
    }

    private async Task<Dictionary<string, ObservationTraceContext>> TraceContextsAsync(string projectId, List<string> traceIds, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var rows = await client.QueryAsync(
            $"""
            SELECT id, name, user_id, session_id, tags, release, public, bookmarked FROM traces FINAL
            WHERE project_id = {p.Add(projectId)} AND id IN ({p.Add(traceIds)})
            """,
            p,
            r => (Id: r.String(0), Context: new ObservationTraceContext(
                r.NullableString(1), r.NullableString(2), r.NullableString(3), r.StringList(4), r.NullableString(5), r.Bool(6), r.Bool(7))), ct);
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

    private static List<string> Conditions(string projectId, ObservationFilter filter, ClickHouseParameters p)
    {
        var project = p.Add(projectId);
        List<string> conditions = [$"o.project_id = {project}"];
        if (filter.UserId is not null || filter.SessionId is not null)
        {
            // IN (subquery) rather than a join: ClickHouse builds a set of the matching trace ids once.
            List<string> traceConditions = [$"t.project_id = {project}"];
            ClickHouseTraceSearch.AddEquals(traceConditions, p, "t.user_id", filter.UserId);
            ClickHouseTraceSearch.AddEquals(traceConditions, p, "t.session_id", filter.SessionId);
            conditions.Add($"o.trace_id IN (SELECT t.id FROM traces AS t FINAL WHERE {string.Join(" AND ", traceConditions)})");
        }

        if (filter.FromStartTime is { } from)
        {
            conditions.Add($"o.start_time >= {p.Add(from)}");
        }

        if (filter.ToStartTime is { } to)
        {
            conditions.Add($"o.start_time < {p.Add(to)}");
        }

        ClickHouseTraceSearch.AddEquals(conditions, p, "o.trace_id", filter.TraceId);
        ClickHouseTraceSearch.AddEquals(conditions, p, "o.type", filter.Type);
        ClickHouseTraceSearch.AddEquals(conditions, p, "o.name", filter.Name);
        ClickHouseTraceSearch.AddEquals(conditions, p, "o.level", filter.Level);
        ClickHouseTraceSearch.AddEquals(conditions, p, "o.parent_observation_id", filter.ParentObservationId);
        ClickHouseTraceSearch.AddEquals(conditions, p, "o.version", filter.Version);
        if (filter.Environments.Count > 0)
        {
            conditions.Add($"o.environment IN ({p.Add(filter.Environments)})");
        }

        conditions.AddRange(filter.Conditions.Select(c => ClickHouseFilterSql.Condition(c, FilterColumnSql, "o.metadata", p)));
        if (filter.IsRoot is { } root)
        {
            conditions.Add(root ? "o.parent_observation_id IS NULL" : "o.parent_observation_id IS NOT NULL");
        }

        return conditions;
    }
}
