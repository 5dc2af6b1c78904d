using DuckDB.NET.Data;
using Sightline.Scores;
using Sightline.Tracing;

namespace Sightline.Storage.DuckDb;

/// <summary>
/// The score lists and reads, and immediate score deletion. Like the trace list, the page and the count run at once
/// with the same WHERE; the trace fields then come for the page's traces in one query. Filters on trace properties
/// (user, tags) become a semi-join on the project's traces, so scores without a trace never match them.
/// </summary>
internal sealed class DuckDbScoreQueries(DuckDbDatabase database) : IScoreQueries, IScoreDeletion
{
    public async Task<ResultPage<ScoreListItem>> ListScoresAsync(ScoreListQuery query, CancellationToken ct)
    {
        var parameters = new SqlParameters();
        var where = string.Join(" AND ", Conditions(query, parameters));
        var count = DuckDbReads.CountAsync(database, $"SELECT count(*) FROM scores s WHERE {where}", parameters.Create(), ct);
        var scores = DuckDbReads.QueryAsync(database,
            $"""
            SELECT {AnalyticsTables.Scores.SelectListOf("s")} FROM scores s
            WHERE {where}
            ORDER BY s."timestamp" DESC, s.id DESC
            LIMIT $limit OFFSET $offset
            """,
            parameters.Create(("limit", (long)query.Limit), ("offset", query.Offset)), ScoreRows.Read, ct);
        await Task.WhenAll(count, scores);

        var page = await scores;
        var traces = query.IncludeTrace && page.Any(s => s.TraceId is not null)
            ? await TraceFieldsAsync(query.ProjectId, page.Where(s => s.TraceId is not null).Select(s => s.TraceId!).Distinct(StringComparer.Ordinal).ToList(), ct)
            : [];
        var missing = new ScoreTraceFields(null, [], null, null);
        var items = page
            .Select(s => new ScoreListItem(s, query.IncludeTrace && s.TraceId is not null ? traces.GetValueOrDefault(s.TraceId) ?? missing : null))
            .ToList();
        return new ResultPage<ScoreListItem>(items, await count);
    }

    public async Task<ScoreRecord?> GetScoreAsync(string projectId, string scoreId, CancellationToken ct)
    {
        var rows = await DuckDbReads.QueryAsync(database,
            $"SELECT {AnalyticsTables.Scores.SelectList} FROM scores WHERE project_id = $project AND id = $id",
            [new DuckDBParameter("project", projectId), new DuckDBParameter("id", scoreId)], ScoreRows.Read, ct);
        return rows.Count > 0 ? rows[0] : null;
    }

    // On the writer connection, so the delete is serialized with ingestion's upserts.
    public Task<long> DeleteScoresAsync(string projectId, IReadOnlyCollection<string> scoreIds, CancellationToken ct)
    {
        if (scoreIds.Count == 0)
        {
            return Task.FromResult(0L);
        }

        var ids = scoreIds.Distinct(StringComparer.Ordinal).ToList();
        return database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM scores WHERE project_id = $project AND list_contains($ids, id)";
            command.Parameters.Add(new DuckDBParameter("project", projectId));
            command.Parameters.Add(new DuckDBParameter("ids", ids));
            return (long)await command.ExecuteNonQueryAsync(ct);
        }, ct);
    }

    private static List<string> Conditions(ScoreListQuery query, SqlParameters p)
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

        DuckDbTraceSearch.AddEquals(conditions, p, "s.name", query.Name);
        DuckDbTraceSearch.AddEquals(conditions, p, "s.source", query.Source);
        DuckDbTraceSearch.AddEquals(conditions, p, "s.config_id", query.ConfigId);
        DuckDbTraceSearch.AddEquals(conditions, p, "s.queue_id", query.QueueId);
        DuckDbTraceSearch.AddEquals(conditions, p, "s.session_id", query.SessionId);
        DuckDbTraceSearch.AddEquals(conditions, p, "s.dataset_run_id", query.DatasetRunId);
        DuckDbTraceSearch.AddEquals(conditions, p, "s.trace_id", query.TraceId);
        DuckDbTraceSearch.AddEquals(conditions, p, "s.data_type", query.DataType);
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
            DuckDbTraceSearch.AddEquals(trace, p, "t.user_id", query.UserId);
            DuckDbTraceSearch.AddTags(trace, p, "t.tags", query.TraceTags);
            // Langfuse applies the environment filter to the trace as well when it filters on the trace.
            AddAnyOf(trace, p, "t.environment", query.Environments);
            conditions.Add($"s.trace_id IN (SELECT t.id FROM traces t WHERE {string.Join(" AND ", trace)})");
        }

        conditions.AddRange(query.Conditions.Select(c => DuckDbFilterSql.Condition(c, FilterColumnSql, "s.metadata", p)));
        return conditions;
    }

    private static void AddAnyOf(List<string> conditions, SqlParameters p, string column, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            conditions.Add($"{column} IN ({p.AddEach(values)})");
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
        ["timestamp"] = "s.\"timestamp\"",
    };

    private async Task<Dictionary<string, ScoreTraceFields>> TraceFieldsAsync(string projectId, List<string> traceIds, CancellationToken ct)
    {
        var p = new SqlParameters();
        var rows = await DuckDbReads.QueryAsync(database,
            $"SELECT id, user_id, tags, environment, session_id FROM traces WHERE project_id = {p.Add(projectId)} AND list_contains({p.Add(traceIds)}, id)",
            p.Create(),
            r => (Id: r.GetString(0), Fields: new ScoreTraceFields(
                DuckDbValues.ReadNullableString(r, 1), DuckDbReads.ReadList(r, 2), DuckDbValues.ReadNullableString(r, 3), DuckDbValues.ReadNullableString(r, 4))),
            ct);
        return rows.ToDictionary(r => r.Id, r => r.Fields, StringComparer.Ordinal);
    }
}
