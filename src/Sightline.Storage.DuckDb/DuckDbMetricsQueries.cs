using System.Collections;
using System.Numerics;
using DuckDB.NET.Data;
using Sightline.Metrics;
using Sightline.Tracing;

namespace Sightline.Storage.DuckDb;

/// <summary>The metrics API over the embedded analytics store.</summary>
internal sealed class DuckDbMetricsQueries(DuckDbDatabase database) : IMetricsQueries
{
    private const string InputUsage = "coalesce(list_sum(list_transform(list_filter(map_entries(o.usage_details), lambda e: contains(lower(e.key), 'input')), lambda e: e.value)), 0)";
    private const string OutputUsage = "coalesce(list_sum(list_transform(list_filter(map_entries(o.usage_details), lambda e: contains(lower(e.key), 'output')), lambda e: e.value)), 0)";

    public async Task<ResultPage<DailyMetrics>> GetDailyMetricsAsync(DailyMetricsQuery query, CancellationToken ct)
    {
        var p = new SqlParameters();
        var project = p.Add(query.ProjectId);
        List<string> traceConditions = [$"t.project_id = {project}"];
        DuckDbTraceSearch.AddEquals(traceConditions, p, "t.name", query.TraceName);
        DuckDbTraceSearch.AddEquals(traceConditions, p, "t.user_id", query.UserId);
        DuckDbTraceSearch.AddTags(traceConditions, p, "t.tags", query.Tags);

        string? environments = null;
        if (query.Environments.Count > 0)
        {
            environments = p.AddEach(query.Environments);
            traceConditions.Add($"t.environment IN ({environments})");
        }

        var onlyTime = traceConditions.Count == 1;
        string? from = null, to = null;
        if (query.FromTimestamp is { } fromTime)
        {
            from = p.Add(fromTime);
            traceConditions.Add($"t.\"timestamp\" >= {from}");
        }

        if (query.ToTimestamp is { } toTime)
        {
            to = p.Add(toTime);
            traceConditions.Add($"t.\"timestamp\" < {to}");
        }

        // With trace filters beyond the time range, observations count through their (filtered) traces. With only a
        // time range, the observations' own start time bounds them: no join, and it is what Langfuse does too.
        List<string> observationConditions = [$"o.project_id = {project}"];
        if (environments is not null)
        {
            observationConditions.Add($"o.environment IN ({environments})");
        }

        var observations = "observations o";
        if (!onlyTime)
        {
            observations = $"observations o JOIN (SELECT t.id FROM traces t WHERE {string.Join(" AND ", traceConditions)}) ft ON ft.id = o.trace_id";
        }
        else
        {
            if (from is not null)
            {
                observationConditions.Add($"o.start_time >= {from}");
            }

            if (to is not null)
            {
                observationConditions.Add($"o.start_time < {to}");
            }
        }

        var traceDays = DuckDbReads.QueryAsync(database,
            $"""
            SELECT date_trunc('day', t."timestamp") AS day, count(*) FROM traces t
            WHERE {string.Join(" AND ", traceConditions)}
            GROUP BY day
            """,
            p.Create(), r => (Day: DateOnly.FromDateTime(r.GetDateTime(0)), Traces: r.GetInt64(1)), ct);
        var usage = DuckDbReads.QueryAsync(database,
            $"""
            SELECT date_trunc('day', o.start_time) AS day, o.provided_model_name AS model, count(*), count(DISTINCT o.trace_id),
                   CAST(sum({InputUsage}) AS BIGINT), CAST(sum({OutputUsage}) AS BIGINT),
                   CAST(sum(coalesce(o.usage_details['total'], 0)) AS BIGINT), coalesce(sum(o.total_cost), 0)
            FROM {observations}
            WHERE {string.Join(" AND ", observationConditions)}
            GROUP BY day, model
            """,
            p.Create(), r => (Day: DateOnly.FromDateTime(r.GetDateTime(0)), Usage: new ModelUsage(
                DuckDbValues.ReadNullableString(r, 1), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(2), r.GetInt64(3), r.GetDecimal(7))), ct);
        await Task.WhenAll(traceDays, usage);

        var tracesByDay = (await traceDays).ToDictionary(d => d.Day, d => d.Traces);
        var usageByDay = (await usage).GroupBy(u => u.Day).ToDictionary(g => g.Key, g => g.Select(u => u.Usage)
            .OrderBy(u => u.Model is null).ThenBy(u => u.Model, StringComparer.Ordinal).ToList());
        var days = tracesByDay.Keys.Union(usageByDay.Keys).OrderDescending().ToList();
        var page = days.Skip((int)Math.Min(days.Count, query.Offset)).Take(query.Limit).Select(day =>
        {
            var models = usageByDay.GetValueOrDefault(day) ?? [];
            return new DailyMetrics(day, tracesByDay.GetValueOrDefault(day), models.Sum(m => m.CountObservations), models.Sum(m => m.TotalCost), models);
        }).ToList();
        return new ResultPage<DailyMetrics>(page, days.Count);
    }

    public async Task<MetricsTable> RunAsync(MetricsQuery query, CancellationToken ct)
    {
        var statement = DuckDbMetricsSql.Build(query);
        var rows = await DuckDbReads.QueryAsync(database, statement.Sql, statement.Parameters.Create(), ReadRow, ct);
        return new MetricsTable(statement.Columns, rows);
    }

    private static object?[] ReadRow(DuckDBDataReader reader)
    {
        var row = new object?[reader.FieldCount];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = reader.IsDBNull(i) ? null : Normalize(reader.GetValue(i));
        }

        return row;
    }

    // Sums of integers are HUGEINT in DuckDB; the API speaks plain JSON numbers.
    private static object? Normalize(object value) => value switch
    {
        BigInteger big => big >= long.MinValue && big <= long.MaxValue ? (long)big : (decimal)big,
        int i => (long)i,
        short s => (long)s,
        sbyte b => (long)b,
        byte b => (long)b,
        ushort s => (long)s,
        uint u => (long)u,
        ulong u => u <= long.MaxValue ? (long)u : (decimal)u,
        float f => (double)f,
        DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc),
        string or bool or long or double or decimal => value,
        IEnumerable list => list.Cast<object?>().Select(v => v?.ToString()).ToList(),
        _ => value.ToString(),
    };
}
