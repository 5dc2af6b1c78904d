using System.Globalization;
using System.Text.Json;
using Sightline.Metrics;
using Sightline.Tracing;

namespace Sightline.Storage.ClickHouse;

/// <summary>The metrics API over the scale profile's analytics store.</summary>
internal sealed class ClickHouseMetricsQueries(ClickHouseClient client) : IMetricsQueries
{
    private static readonly string InputUsage = "arraySum(mapValues(mapFilter((k, v) -> position(lower(k), 'input') > 0, o.usage_details)))";
    private static readonly string OutputUsage = "arraySum(mapValues(mapFilter((k, v) -> position(lower(k), 'output') > 0, o.usage_details)))";

    public async Task<ResultPage<DailyMetrics>> GetDailyMetricsAsync(DailyMetricsQuery query, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var project = p.Add(query.ProjectId);
        List<string> traceConditions = [$"t.project_id = {project}"];
        ClickHouseTraceSearch.AddEquals(traceConditions, p, "t.name", query.TraceName);
        ClickHouseTraceSearch.AddEquals(traceConditions, p, "t.user_id", query.UserId);
        ClickHouseTraceSearch.AddTags(traceConditions, p, "t.tags", query.Tags);

        string? environments = null;
        if (query.Environments.Count > 0)
        {
            environments = p.Add(query.Environments);
            traceConditions.Add($"t.environment IN ({environments})");
        }

        var onlyTime = traceConditions.Count == 1;
        string? from = null, to = null;
        if (query.FromTimestamp is { } fromTime)
        {
            from = p.Add(fromTime);
            traceConditions.Add($"t.timestamp >= {from}");
        }

        if (query.ToTimestamp is { } toTime)
        {
            to = p.Add(toTime);
            traceConditions.Add($"t.timestamp < {to}");
        }

        // With trace filters beyond the time range, observations count through their (filtered) traces. With only a
        // time range, the observations' own start time bounds them, as Langfuse does.
        List<string> observationConditions = [$"o.project_id = {project}"];
        if (environments is not null)
        {
            observationConditions.Add($"o.environment IN ({environments})");
        }

        if (!onlyTime)
        {
            observationConditions.Add($"o.trace_id IN (SELECT t.id FROM traces AS t FINAL WHERE {string.Join(" AND ", traceConditions)})");
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

        var traceDays = client.QueryAsync(
            $"""
            SELECT toDate(t.timestamp) AS day, count() FROM traces AS t FINAL
            WHERE {string.Join(" AND ", traceConditions)}
            GROUP BY day
            """,
            p, r => (Day: ParseDay(r.String(0)), Traces: r.Long(1)), ct);
        var usage = client.QueryAsync(
            $"""
            SELECT toDate(o.start_time) AS day, o.provided_model_name AS model, count(), count(DISTINCT o.trace_id),
                   toInt64(sum({InputUsage})), toInt64(sum({OutputUsage})), toInt64(sum(o.usage_details['total'])), coalesce(sum(o.total_cost), 0)
            FROM observations AS o FINAL
            WHERE {string.Join(" AND ", observationConditions)}
            GROUP BY day, model
            """,
            p, r => (Day: ParseDay(r.String(0)), Usage: new ModelUsage(
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

    private static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<MetricsTable> RunAsync(MetricsQuery query, CancellationToken ct)
    {
        var statement = ClickHouseMetricsSql.Build(query);
        var rows = await client.QueryAsync(statement.Sql, statement.Parameters, ReadRow, ct, ClickHouseMetricsSql.Settings);
        return new MetricsTable(statement.Columns, rows);
    }

    private static object?[] ReadRow(ClickHouseRow row)
    {
        var values = new object?[row.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Value(row[i], row.Columns[i].Type);
        }

        return values;
    }

    /// <summary>A result value as the API writes it, by the column's ClickHouse type (JSON alone cannot tell a UInt64 from a String).</summary>
    internal static object? Value(JsonElement value, string type)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var bare = Unwrap(type);
        if (bare.StartsWith("Array(", StringComparison.Ordinal))
        {
            var element = bare["Array(".Length..^1];
            return value.EnumerateArray().Select(e => Value(e, element)?.ToString()).ToList();
        }

        if (bare.StartsWith("Decimal", StringComparison.Ordinal))
        {
            return ClickHouseRow.Decimal(value);
        }

        if (bare.StartsWith("Float", StringComparison.Ordinal))
        {
            return ClickHouseRow.Double(value);
        }

        if (bare.StartsWith("Int", StringComparison.Ordinal) || bare.StartsWith("UInt", StringComparison.Ordinal))
        {
            return bare == "UInt64" && ClickHouseRow.Decimal(value) is var big && big > long.MaxValue ? big : ClickHouseRow.Int64(value);
        }

        if (bare.StartsWith("Date", StringComparison.Ordinal))
        {
            return ClickHouseText.ParseTime(value.GetString()!);
        }

        return bare switch
        {
            "Bool" => value.ValueKind == JsonValueKind.True,
            _ when value.ValueKind == JsonValueKind.String => value.GetString(),
            _ => value.GetRawText(),
        };
    }

    private static string Unwrap(string type)
    {
        foreach (var wrapper in (string[])["Nullable(", "LowCardinality("])
        {
            if (type.StartsWith(wrapper, StringComparison.Ordinal))
            {
                return Unwrap(type[wrapper.Length..^1]);
            }
        }

        return type;
    }
}
