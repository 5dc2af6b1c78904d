using System.Globalization;
using Sightline.Scores;
using Sightline.Tracing;

namespace Sightline.Storage.ClickHouse;

/// <summary>
/// The score lists and reads, and immediate score deletion. The page and the count run at once with the same WHERE
/// over the FINAL table; the trace fields then come for the page's traces in one query. Filters on trace properties
/// (user, tags) keep the scores whose trace is among the project's matching traces, so scores without a trace never
/// match them. Deletion writes tombstones, as trace deletion does.
/// </summary>
internal sealed class ClickHouseScoreQueries(ClickHouseClient client, VersionClock clock) : IScoreQueries, IScoreDeletion
{
    public async Task<ResultPage<ScoreListItem>> ListScoresAsync(ScoreListQuery query, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var where = string.Join(" AND ", Conditions(query, p));
        var count = client.QueryAsync($"SELECT count() FROM scores AS s FINAL WHERE {where}", p, r => r.Long(0), ct);
        var scores = client.QueryAsync(
            $"""
            SELECT {ClickHouseTables.Scores.SelectListOf("s")} FROM scores AS s FINAL
            WHERE {where}
            ORDER BY s.timestamp DESC, s.id DESC
            LIMIT {query.Limit.ToString(CultureInfo.InvariantCulture)} OFFSET {query.Offset.ToString(CultureInfo.InvariantCulture)}
            """,
            p, ScoreRows.Read, ct);
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

    public async Task<ScoreRecord?> GetScoreAsync(string projectId, string scoreId, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var rows = await client.QueryAsync(
            $"SELECT {ClickHouseTables.Scores.SelectList} FROM scores FINAL WHERE project_id = {p.Add(projectId)} AND id = {p.Add(scoreId)}",
            p, ScoreRows.Read, ct);
        return rows.Count > 0 ? rows[0] : null;
    }

    public async Task<long> DeleteScoresAsync(string projectId, IReadOnlyCollection<string> scoreIds, CancellationToken ct)
    {
        long deleted = 0;
        foreach (var ids in IdChunks.Split(scoreIds.Distinct(StringComparer.Ordinal)))
        {
            var p = new ClickHouseParameters();
            var visible = $"FROM scores FINAL WHERE project_id = {p.Add(projectId)} AND id IN ({p.Add(ids)})";
            deleted += (await client.QueryAsync($"SELECT count() {visible}", p, r => r.Long(0), ct))[0];
            var version = "toDateTime64(" + ClickHouseText.Quoted(clock.Next()) + ", 6, 'UTC')";
            await client.ExecuteAsync($"INSERT INTO scores (project_id, id, event_ts, is_deleted) SELECT project_id, id, {version}, 1 {visible}", p, ct);
        }

        return deleted;
    }

    private static List<string> Conditions(ScoreListQuery query, ClickHouseParameters p)
    {
        var project = p.Add(query.ProjectId);
        List<string> conditions = [$"s.project_id = {project}"];
        if (query.TraceScoresOnly)
        {
            conditions.Add("s.trace_id IS NOT NULL AND s.session_id IS NULL AND s.dataset_run_id IS NULL AND s.data_type <> 'CORRECTION'");
        }

        if (query.FromTimestamp is { } from)
        {
            conditions.Add($"s.timestamp >= {p.Add(from)}");
        }

        if (query.ToTimestamp is { } to)
        {
            conditions.Add($"s.timestamp < {p.Add(to)}");
        }

        ClickHouseTraceSearch.AddEquals(conditions, p, "s.name", query.Name);
        ClickHouseTraceSearch.AddEquals(conditions, p, "s.source", query.Source);
        ClickHouseTraceSearch.AddEquals(conditions, p, "s.config_id", query.ConfigId);
        ClickHouseTraceSearch.AddEquals(conditions, p, "s.queue_id", query.QueueId);
        ClickHouseTraceSearch.AddEquals(conditions, p, "s.session_id", query.SessionId);
        ClickHouseTraceSearch.AddEquals(conditions, p, "s.dataset_run_id", query.DatasetRunId);
        ClickHouseTraceSearch.AddEquals(conditions, p, "s.trace_id", query.TraceId);
        ClickHouseTraceSearch.AddEquals(conditions, p, "s.data_type", query.DataType);
        AddAnyOf(conditions, p, "s.id", query.ScoreIds);
        AddAnyOf(conditions, p, "s.observation_id", query.ObservationIds);
        AddAnyOf(conditions, p, "s.environment", query.Environments);
        if (query.ValueOperator is { } op && query.Value is { } value)
        {
            conditions.Add($"s.value {Comparison(op)} {p.Add(value)}");
        }

        if (query.FiltersOnTrace)
        {
            List<string> trace = [$"t.project_id = {project}"];
            ClickHouseTraceSearch.AddEquals(trace, p, "t.user_id", query.UserId);
            ClickHouseTraceSearch.AddTags(trace, p, "t.tags", query.TraceTags);
            // Langfuse applies the environment filter to the trace as well when it filters on the trace.
            AddAnyOf(trace, p, "t.environment", query.Environments);
            conditions.Add($"s.trace_id IN (SELECT t.id FROM traces AS t FINAL WHERE {string.Join(" AND ", trace)})");
        }

        conditions.AddRange(query.Conditions.Select(c => ClickHouseFilterSql.Condition(c, FilterColumnSql, "s.metadata", p)));
        return conditions;
    }

    private static void AddAnyOf(List<string> conditions, ClickHouseParameters p, string column, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            conditions.Add($"{column} IN ({p.Add(values)})");
        }
    }

    private static string Comparison(string op) => op switch
    {
        "<" => "<",
        ">" => ">",
        "<=" => "<=",
        ">=" => ">=",
        "=" => "=",
        "!=" => "<>",
        _ => throw new ArgumentException($"Unsupported comparison {op}", nameof(op)),
    };

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
        ["timestamp"] = "s.timestamp",
    };

    private async Task<Dictionary<string, ScoreTraceFields>> TraceFieldsAsync(string projectId, List<string> traceIds, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var rows = await client.QueryAsync(
            $"SELECT id, user_id, tags, environment, session_id FROM traces FINAL WHERE project_id = {p.Add(projectId)} AND id IN ({p.Add(traceIds)})",
            p, r => (Id: r.String(0), Fields: new ScoreTraceFields(r.NullableString(1), r.StringList(2), r.NullableString(3), r.NullableString(4))), ct);
        return rows.ToDictionary(r => r.Id, r => r.Fields, StringComparer.Ordinal);
    }
}
