using Sightline.Metrics;
using Sightline.Tracing;

namespace Sightline.Storage.Analytics.Sql;

/// <summary>The metrics API: the daily metrics and the query API's <see cref="MetricsSql"/> statements.</summary>
internal sealed class AnalyticsMetricsQueries(IAnalyticsReader reader) : IMetricsQueries
{
    private readonly ISqlDialect _d = reader.Dialect;
    private readonly MetricsSql _sql = new(reader.Dialect);

    public async Task<ResultPage<DailyMetrics>> GetDailyMetricsAsync(DailyMetricsQuery query, CancellationToken ct)
    {
        var p = reader.NewParameters();
        var project = p.Add(query.ProjectId);
        List<string> traceConditions = [$"t.project_id = {project}"];
        SqlConditions.AddEquals(traceConditions, p, "t.name", query.TraceName);
        SqlConditions.AddEquals(traceConditions, p, "t.user_id", query.UserId);
        SqlConditions.AddTags(traceConditions, _d, p, "t.tags", query.Tags);

        string? environments = null;
        if (query.Environments.Count > 0)
        {
            environments = p.AddInList(query.Environments);
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

        var observations = _d.From("observations", "o");
        if (!onlyTime)
        {
            var traces = $"SELECT t.id FROM {_d.From("traces", "t")} WHERE {string.Join(" AND ", traceConditions)}";
            if (_d.JoinsTraceFilters)
            {
                observations += $" JOIN ({traces}) AS ft ON ft.id = o.trace_id";
            }
            else
            {
                observationConditions.Add($"o.trace_id IN ({traces})");
            }
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

        var traceDays = reader.QueryAsync(
            $"""
            SELECT {_d.TimeBucket(TimeGranularity.Day, "t.\"timestamp\"")} AS day, count(*) FROM {_d.From("traces", "t")}
            WHERE {string.Join(" AND ", traceConditions)}
            GROUP BY day
            """,
            p, r => (Day: DateOnly.FromDateTime(r.Time(0)), Traces: r.Long(1)), ct);
        var usage = reader.QueryAsync(
            $"""
            SELECT {_d.TimeBucket(TimeGranularity.Day, "o.start_time")} AS day, o.provided_model_name AS model, count(*), count(DISTINCT o.trace_id),
                   CAST(sum({_d.SumOfKeysContaining("o.usage_details", "input")}) AS BIGINT),
                   CAST(sum({_d.SumOfKeysContaining("o.usage_details", "output")}) AS BIGINT),
                   CAST(sum(coalesce(o.usage_details['total'], 0)) AS BIGINT), coalesce(sum(o.total_cost), 0)
            FROM {observations}
            WHERE {string.Join(" AND ", observationConditions)}
            GROUP BY day, model
            """,
            p, r => (Day: DateOnly.FromDateTime(r.Time(0)), Usage: new ModelUsage(
                r.NullableString(1), r.Long(4), r.Long(5), r.Long(6), r.Long(2), r.Long(3), r.Decimal(7))), ct);
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
        if (query.Metrics is [{ Aggregation: MetricAggregation.Histogram } histogram])
        {
            var bins = _sql.BuildHistogram(query, reader.NewParameters());
            var binRows = await reader.QueryAsync(bins.Sql, bins.Parameters, r => r.Values(), ct);
            return new MetricsTable([.. bins.Columns, histogram.Alias], MetricsHistogram.Fold(binRows, bins.Columns.Count, query.Bins, query.RowLimit));
        }

        var statement = _sql.Build(query, reader.NewParameters());
        var rows = await reader.QueryAsync(statement.Sql, statement.Parameters, r => r.Values(), ct);
        return new MetricsTable(statement.Columns, rows);
    }
}
