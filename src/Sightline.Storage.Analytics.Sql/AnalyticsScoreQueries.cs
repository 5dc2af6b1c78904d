using System.Globalization;
using Sightline.Scores;
using Sightline.Tracing;

namespace Sightline.Storage.Analytics.Sql;

/// <summary>
/// The score lists and reads. The page and the count run at once with the same WHERE; the trace fields then come for
/// the page's traces in one query. Filters on trace properties (user, tags) keep the scores whose trace is among the
/// project's matching traces, so scores without a trace never match them.
/// </summary>
internal sealed class AnalyticsScoreQueries(IAnalyticsReader reader) : IScoreQueries
{
    private readonly ISqlDialect _d = reader.Dialect;

    public async Task<ResultPage<ScoreListItem>> ListScoresAsync(ScoreListQuery query, CancellationToken ct)
    {
        var p = reader.NewParameters();
        var where = string.Join(" AND ", Conditions(query, p));
        var count = reader.QueryAsync($"SELECT count(*) FROM {_d.From("scores", "s")} WHERE {where}", p, r => r.Long(0), ct);
        var scores = reader.QueryAsync(
            $"""
            SELECT {_d.SelectList(RecordTable.Scores, "s")} FROM {_d.From("scores", "s")}
            WHERE {where}
            ORDER BY s."timestamp" DESC, s.id DESC
            LIMIT {query.Limit.ToString(CultureInfo.InvariantCulture)} OFFSET {query.Offset.ToString(CultureInfo.InvariantCulture)}
            """,
            p, r => r.Score(), ct);
        await Task.WhenAll(count, scores);

        var page = await scores;
        var traces = query.IncludeTrace && page.Any(s => s.TraceId is not null)
            ? await TraceFieldsAsync(query.ProjectId, page.Where(s => s.TraceId is not null).Select(s => s.TraceId!).Distinct(StringComparer.Ordinal).ToList(), ct)
            : [];
        var missing = new ScoreTraceFields(null, [], null, null);
        var items = page
            .Select(s => new ScoreListItem(s, query.IncludeTrace && s.TraceId is not null ? traces.GetValueOrDefault(s.TraceId) ?? missing : null))
            .ToList();
        return new ResultPage<ScoreListItem>(items, (await count)[0]);
    }

    public async Task<IReadOnlyList<ScoreRecord>> ListScoresAfterAsync(ScoreV3Query query, ScoreCursor? after, int limit, CancellationToken ct)
    {
        var p = reader.NewParameters();
        List<string> conditions = [$"s.project_id = {p.Add(query.ProjectId)}"];
        SqlConditions.AddAnyOf(conditions, p, "s.id", query.Ids);
        SqlConditions.AddAnyOf(conditions, p, "s.name", query.Names);
        SqlConditions.AddAnyOf(conditions, p, "s.source", query.Sources);
        SqlConditions.AddAnyOf(conditions, p, "s.data_type", query.DataTypes);
        SqlConditions.AddAnyOf(conditions, p, "s.environment", query.Environments);
        SqlConditions.AddAnyOf(conditions, p, "s.config_id", query.ConfigIds);
        SqlConditions.AddAnyOf(conditions, p, "s.queue_id", query.QueueIds);
        SqlConditions.AddAnyOf(conditions, p, "s.author_user_id", query.AuthorUserIds);
        SqlConditions.AddAnyOf(conditions, p, "s.trace_id", query.TraceIds);
        SqlConditions.AddAnyOf(conditions, p, "s.session_id", query.SessionIds);
        SqlConditions.AddAnyOf(conditions, p, "s.observation_id", query.ObservationIds);
        SqlConditions.AddAnyOf(conditions, p, "s.dataset_run_id", query.ExperimentIds);
        SqlConditions.AddAnyOf(conditions, p, "s.string_value", query.StringValues);
        if (query.NumericValues.Count > 0)
        {
            conditions.Add($"s.value IN ({string.Join(", ", query.NumericValues.Select(v => p.Add(v)))})");
        }

        if (query.ValueMin is { } min)
        {
            conditions.Add($"s.value >= {p.Add(min)}");
        }

        if (query.ValueMax is { } max)
        {
            conditions.Add($"s.value <= {p.Add(max)}");
        }

        if (query.FromTimestamp is { } from)
        {
            conditions.Add($"s.\"timestamp\" >= {p.Add(from)}");
        }

        if (query.ToTimestamp is { } to)
        {
            conditions.Add($"s.\"timestamp\" < {p.Add(to)}");
        }

        if (after is not null)
        {
            var (time, id) = (p.Add(after.Timestamp), p.Add(after.Id));
            conditions.Add($"(s.\"timestamp\" < {time} OR (s.\"timestamp\" = {time} AND s.id < {id}))");
        }

        return await reader.QueryAsync(
            $"""
            SELECT {_d.SelectList(RecordTable.Scores, "s")} FROM {_d.From("scores", "s")}
            WHERE {string.Join(" AND ", conditions)}
            ORDER BY s."timestamp" DESC, s.id DESC
            LIMIT {limit.ToString(CultureInfo.InvariantCulture)}
            """,
            p, r => r.Score(), ct);
    }

    public async Task<ScoreRecord?> GetScoreAsync(string projectId, string scoreId, CancellationToken ct)
    {
        var p = reader.NewParameters();
        var rows = await reader.QueryAsync(
            $"SELECT {_d.SelectList(RecordTable.Scores, "s")} FROM {_d.From("scores", "s")} WHERE s.project_id = {p.Add(projectId)} AND s.id = {p.Add(scoreId)}",
            p, r => r.Score(), ct);
        return rows.Count > 0 ? rows[0] : null;
    }

    private List<string> Conditions(ScoreListQuery query, SqlParameterSet p)
    {
        var project = p.Add(query.ProjectId);
        List<string> conditions = [$"s.project_id = {project}"];
        if (query.TraceScoresOnly)
        {
            conditions.Add("s.trace_id IS NOT NULL AND s.session_id IS NULL AND s.dataset_run_id IS NULL AND s.data_type <> 'CORRECTION'");
        }

        if (query.FromTimestamp is { } from)
        {
            conditions.Add($"s.\"timestamp\" >= {p.Add(from)}");
        }

        if (query.ToTimestamp is { } to)
        {
            conditions.Add($"s.\"timestamp\" < {p.Add(to)}");
        }

        SqlConditions.AddEquals(conditions, p, "s.name", query.Name);
        SqlConditions.AddEquals(conditions, p, "s.source", query.Source);
        SqlConditions.AddEquals(conditions, p, "s.config_id", query.ConfigId);
        SqlConditions.AddEquals(conditions, p, "s.queue_id", query.QueueId);
        SqlConditions.AddEquals(conditions, p, "s.session_id", query.SessionId);
        SqlConditions.AddEquals(conditions, p, "s.dataset_run_id", query.DatasetRunId);
        SqlConditions.AddEquals(conditions, p, "s.trace_id", query.TraceId);
        SqlConditions.AddEquals(conditions, p, "s.data_type", query.DataType);
        SqlConditions.AddAnyOf(conditions, p, "s.id", query.ScoreIds);
        SqlConditions.AddAnyOf(conditions, p, "s.observation_id", query.ObservationIds);
        SqlConditions.AddAnyOf(conditions, p, "s.environment", query.Environments);
        if (query.ValueOperator is { } op && query.Value is { } value)
        {
            conditions.Add($"s.value {FilterSql.Comparison(op)} {p.Add(value)}");
        }

        if (query.FiltersOnTrace)
        {
            List<string> trace = [$"t.project_id = {project}"];
            SqlConditions.AddEquals(trace, p, "t.user_id", query.UserId);
            SqlConditions.AddTags(trace, _d, p, "t.tags", query.TraceTags);
            // Langfuse applies the environment filter to the trace as well when it filters on the trace.
            SqlConditions.AddAnyOf(trace, p, "t.environment", query.Environments);
            conditions.Add($"s.trace_id IN (SELECT t.id FROM {_d.From("traces", "t")} WHERE {string.Join(" AND ", trace)})");
        }

        conditions.AddRange(query.Conditions.Select(c => FilterSql.Condition(_d, c, FilterColumnSql, "s.metadata", p)));
        return conditions;
    }

    /// <summary>SQL of each column of <see cref="ScoreFilterColumns.All"/>.</summary>
    private static readonly Dictionary<string, string> FilterColumnSql = new(StringComparer.Ordinal)
    {
        ["id"] = "s.id",
        ["name"] = "s.name",
        ["source"] = "s.source",
        ["dataType"] = "s.data_type",
        ["environment"] = "s.environment",
        ["traceId"] = "s.trace_id",
        ["observationId"] = "s.observation_id",
        ["sessionId"] = "s.session_id",
        ["datasetRunId"] = "s.dataset_run_id",
        ["configId"] = "s.config_id",
        ["queueId"] = "s.queue_id",
        ["authorUserId"] = "s.author_user_id",
        ["comment"] = "s.comment",
        ["stringValue"] = "s.string_value",
        ["value"] = "s.value",
        ["timestamp"] = "s.\"timestamp\"",
    };

    private async Task<Dictionary<string, ScoreTraceFields>> TraceFieldsAsync(string projectId, List<string> traceIds, CancellationToken ct)
    {
        var p = reader.NewParameters();
        var rows = await reader.QueryAsync(
            $"SELECT id, user_id, tags, environment, session_id FROM {_d.Table("traces")} WHERE project_id = {p.Add(projectId)} AND {_d.InList("id", p.AddArray(traceIds))}",
            p, r => (Id: r.String(0), Fields: new ScoreTraceFields(r.NullableString(1), r.StringList(2), r.NullableString(3), r.NullableString(4))), ct);
        return rows.ToDictionary(r => r.Id, r => r.Fields, StringComparer.Ordinal);
    }
}
