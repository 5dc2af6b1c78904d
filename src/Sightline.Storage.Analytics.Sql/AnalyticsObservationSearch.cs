using System.Globalization;
using Sightline.Tracing;

namespace Sightline.Storage.Analytics.Sql;

/// <summary>
/// The observation lists: v1 pages by offset with a count under the same WHERE; v2 continues after a cursor on
/// (start time, trace id, id), descending, so a page costs the same wherever it starts. Filters on the trace's user or
/// session keep the observations whose trace is among the project's matching traces.
/// </summary>
internal sealed class AnalyticsObservationSearch(IAnalyticsReader reader) : IObservationSearch
{
    private readonly ISqlDialect _d = reader.Dialect;

    public async Task<ResultPage<ObservationRecord>> ListObservationsAsync(string projectId, ObservationFilter filter, int page, int limit, CancellationToken ct)
    {
        var p = reader.NewParameters();
        var (from, conditions) = Source(projectId, filter, p);
        var where = string.Join(" AND ", conditions);
        var count = reader.QueryAsync($"SELECT count(*) FROM {from} WHERE {where}", p, r => r.Long(0), ct);
        var rows = reader.QueryAsync(
            $"""
            SELECT {_d.SelectList(RecordTable.Observations, "o")} FROM {from}
            WHERE {where}
            ORDER BY o.start_time DESC, o.id DESC
            LIMIT {limit.ToString(CultureInfo.InvariantCulture)} OFFSET {((page - 1L) * limit).ToString(CultureInfo.InvariantCulture)}
            """,
            p, r => r.Observation(), ct);
        await Task.WhenAll(count, rows);
        return new ResultPage<ObservationRecord>(await rows, (await count)[0]);
    }

    public async Task<IReadOnlyList<ObservationWithTrace>> ListObservationsAfterAsync(
        string projectId, ObservationFilter filter, ObservationCursor? after, int limit, CancellationToken ct)
    {
        var p = reader.NewParameters();
        var (from, conditions) = Source(projectId, filter, p);
        if (after is not null)
        {
            // Spelled out rather than as a row comparison, which not every engine orders the same way.
            var (time, traceId, id) = (p.Add(after.StartTime), p.Add(after.TraceId), p.Add(after.Id));
            conditions.Add($"(o.start_time < {time} OR (o.start_time = {time} AND (o.trace_id < {traceId} OR (o.trace_id = {traceId} AND o.id < {id}))))");
        }

        var observations = await reader.QueryAsync(
            $"""
            SELECT {_d.SelectList(RecordTable.Observations, "o")} FROM {from}
            WHERE {string.Join(" AND ", conditions)}
            ORDER BY o.start_time DESC, o.trace_id DESC, o.id DESC
            LIMIT {limit.ToString(CultureInfo.InvariantCulture)}
            """,
            p, r => r.Observation(), ct);
        if (observations.Count == 0)
        {
            return [];
        }

        var traces = await TraceContextsAsync(projectId, observations.Select(o => o.TraceId).Distinct(StringComparer.Ordinal).ToList(), ct);
        return observations.Select(o => new ObservationWithTrace(o, traces.GetValueOrDefault(o.TraceId))).ToList();
    }

    private async Task<Dictionary<string, ObservationTraceContext>> TraceContextsAsync(string projectId, List<string> traceIds, CancellationToken ct)
    {
        var p = reader.NewParameters();
        var rows = await reader.QueryAsync(
            $"""
            SELECT id, name, user_id, session_id, tags, release, "public", bookmarked FROM {_d.Table("traces")}
            WHERE project_id = {p.Add(projectId)} AND {_d.InList("id", p.AddArray(traceIds))}
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

    /// <summary>The FROM text and the conditions of a filter.</summary>
    private (string From, List<string> Conditions) Source(string projectId, ObservationFilter filter, SqlParameterSet p)
    {
        var project = p.Add(projectId);
        var from = _d.From("observations", "o");
        List<string> conditions = [$"o.project_id = {project}"];
        if (filter.UserId is not null || filter.SessionId is not null)
        {
            List<string> traceConditions = [$"t.project_id = {project}"];
            SqlConditions.AddEquals(traceConditions, p, "t.user_id", filter.UserId);
            SqlConditions.AddEquals(traceConditions, p, "t.session_id", filter.SessionId);
            var traces = $"SELECT t.id FROM {_d.From("traces", "t")} WHERE {string.Join(" AND ", traceConditions)}";
            // One row per trace id either way, so neither form duplicates an observation.
            if (_d.JoinsTraceFilters)
            {
                from += $" JOIN ({traces}) AS ft ON ft.id = o.trace_id";
            }
            else
            {
                conditions.Add($"o.trace_id IN ({traces})");
            }
        }

        if (filter.FromStartTime is { } fromTime)
        {
            conditions.Add($"o.start_time >= {p.Add(fromTime)}");
        }

        if (filter.ToStartTime is { } to)
        {
            conditions.Add($"o.start_time < {p.Add(to)}");
        }

        SqlConditions.AddEquals(conditions, p, "o.trace_id", filter.TraceId);
        SqlConditions.AddEquals(conditions, p, "o.type", filter.Type);
        SqlConditions.AddEquals(conditions, p, "o.name", filter.Name);
        SqlConditions.AddEquals(conditions, p, "o.level", filter.Level);
        SqlConditions.AddEquals(conditions, p, "o.parent_observation_id", filter.ParentObservationId);
        SqlConditions.AddEquals(conditions, p, "o.version", filter.Version);
        SqlConditions.AddAnyOf(conditions, p, "o.environment", filter.Environments);
        conditions.AddRange(filter.Conditions.Select(c => FilterSql.Condition(_d, c, FilterColumnSql, "o.metadata", p)));
        if (filter.IsRoot is { } root)
        {
            conditions.Add(root ? "o.parent_observation_id IS NULL" : "o.parent_observation_id IS NOT NULL");
        }

        return (from, conditions);
    }
}
