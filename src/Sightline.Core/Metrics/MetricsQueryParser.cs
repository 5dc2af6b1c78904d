using System.Text.Json;
using Sightline.Api;

namespace Sightline.Metrics;

/// <summary>
/// The <c>query</c> parameter of the metrics API: JSON checked against the view's catalog entry, with a message
/// naming the offending part (<c>query.metrics[1].aggregation: ...</c>) on the first problem.
/// </summary>
internal static class MetricsQueryParser
{
    private static readonly Dictionary<string, MetricAggregation> Aggregations = Enum.GetValues<MetricAggregation>()
        .ToDictionary(a => a.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    /// <param name="v2">The v2 endpoint: no traces view, no grouping by high-cardinality dimensions.</param>
    public static string? Parse(string? text, string projectId, bool v2, out MetricsQuery? query)
    {
        query = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "query: required, a JSON object with view, metrics, fromTimestamp and toTimestamp";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return "query: Invalid JSON in query parameter";
        }

        using (document)
        {
            return Parse(document.RootElement, projectId, v2, out query);
        }
    }

    private static string? Parse(JsonElement root, string projectId, bool v2, out MetricsQuery? query)
    {
        query = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "query: must be a JSON object";
        }

        var views = MetricsCatalog.All.Where(v => !v2 || v.View != MetricsView.Traces).ToList();
        if (Text(root, "view") is not { } viewName || views.FirstOrDefault(v => v.Name == viewName) is not { } view)
        {
            return $"query.view: must be one of {string.Join(", ", views.Select(v => v.Name))}";
        }

        if (Dimensions(root, view, v2, out var dimensions) is { } dimensionProblem)
        {
            return dimensionProblem;
        }

        if (Metrics(root, view, out var metrics) is { } metricProblem)
        {
            return metricProblem;
        }

        if (Time(root, "fromTimestamp", out var from) is { } fromProblem)
        {
            return fromProblem;
        }

        if (Time(root, "toTimestamp", out var to) is { } toProblem)
        {
            return toProblem;
        }

        if (from >= to)
        {
            return "query.fromTimestamp: must be before toTimestamp";
        }

        if (Granularity(root, from, to, out var granularity) is { } granularityProblem)
        {
            return granularityProblem;
        }

        if (Filters(root, view, out var filters) is { } filterProblem)
        {
            return filterProblem;
        }

        var columns = dimensions.Concat(granularity is null ? [] : [MetricsTable.TimeColumn])
            .Concat(metrics.Count == 0 ? ["count"] : metrics.Where(m => m.Aggregation != MetricAggregation.Histogram).Select(m => m.Alias)).ToList();
        if (Order(root, columns, out var order) is { } orderProblem)
        {
            return orderProblem;
        }

        if (RowLimit(root, out var rowLimit, out var bins) is { } limitProblem)
        {
            return limitProblem;
        }

        query = new MetricsQuery
        {
            ProjectId = projectId,
            View = view.View,
            Dimensions = dimensions,
            Metrics = metrics,
            Filters = filters,
            Granularity = granularity,
            From = from,
            To = to,
            OrderBy = order,
            RowLimit = rowLimit,
            Bins = bins,
        };
        return null;
    }

    private static string? Dimensions(JsonElement root, MetricsViewDefinition view, bool v2, out List<string> dimensions)
    {
        dimensions = [];
        if (!Present(root, "dimensions", out var list))
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            return "query.dimensions: must be an array of {\"field\": \"<dimension>\"}";
        }

        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"query.dimensions[{i++}].field";
            if (item.ValueKind != JsonValueKind.Object || Text(item, "field") is not { } field)
            {
                return $"{path}: required, a dimension name";
            }

            if (!view.Dimensions.ContainsKey(field))
            {
                return $"{path}: '{field}' is not a dimension of view {view.Name}; one of {string.Join(", ", view.Dimensions.Keys)}";
            }

            if (v2 && view.HighCardinality.Contains(field))
            {
                return $"{path}: '{field}' has too many distinct values to group by in the v2 metrics API; filter on it instead";
            }

            if (dimensions.Contains(field))
            {
                return $"{path}: '{field}' is listed twice";
            }

            dimensions.Add(field);
        }

        return null;
    }

    private static string? Metrics(JsonElement root, MetricsViewDefinition view, out List<MetricSpec> metrics)
    {
        metrics = [];
        if (!Present(root, "metrics", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return "query.metrics: required, an array of {\"measure\": \"<measure>\", \"aggregation\": \"<aggregation>\"}";
        }

        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"query.metrics[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                return $"{path}: must be an object with measure and aggregation";
            }

            if (Text(item, "measure") is not { } measure || !view.Measures.TryGetValue(measure, out var kind))
            {
                return $"{path}.measure: must be a measure of view {view.Name}: {string.Join(", ", view.Measures.Keys)}";
            }

            var aggregationName = Text(item, "aggregation");
            if (aggregationName is null || !Aggregations.TryGetValue(aggregationName, out var aggregation))
            {
                return $"{path}.aggregation: must be one of {string.Join(", ", Aggregations.Keys)}";
            }

            if (aggregation == MetricAggregation.Histogram && list.GetArrayLength() > 1)
            {
                return $"{path}.aggregation: a histogram must be the query's only metric";
            }

            if (kind == MeasureKind.Distinct && aggregation is not (MetricAggregation.Count or MetricAggregation.Uniq))
            {
                return $"{path}.aggregation: {measure} counts distinct values; use count or uniq";
            }

            var spec = new MetricSpec(measure, aggregation);
            if (metrics.Contains(spec))
            {
                return $"{path}: {spec.Alias} is listed twice";
            }

            metrics.Add(spec);
        }

        return null;
    }

    private static string? Granularity(JsonElement root, DateTime from, DateTime to, out TimeGranularity? granularity)
    {
        granularity = null;
        if (!Present(root, "timeDimension", out var time))
        {
            return null;
        }

        const string Expected = "query.timeDimension.granularity: must be one of auto, minute, hour, day, week, month";
        if (time.ValueKind != JsonValueKind.Object)
        {
            return "query.timeDimension: must be null or {\"granularity\": \"<granularity>\"}";
        }

        granularity = Text(time, "granularity") switch
        {
            "minute" => TimeGranularity.Minute,
            "hour" => TimeGranularity.Hour,
            "day" => TimeGranularity.Day,
            "week" => TimeGranularity.Week,
            "month" => TimeGranularity.Month,
            "auto" => Auto(to - from),
            _ => null,
        };
        return granularity is null ? Expected : null;
    }

    // About 50 buckets over the range, with Langfuse's thresholds.
    private static TimeGranularity Auto(TimeSpan range) => range.TotalHours switch
    {
        < 2 => TimeGranularity.Minute,
        < 72 => TimeGranularity.Hour,
        < 1440 => TimeGranularity.Day,
        < 8760 => TimeGranularity.Week,
        _ => TimeGranularity.Month,
    };

    private static string? Filters(JsonElement root, MetricsViewDefinition view, out List<FilterCondition> filters)
    {
        filters = [];
        if (!Present(root, "filters", out var list))
        {
            return null;
        }

        // The time column may be filtered on too (under any of its names), besides the dimensions.
        var columns = new Dictionary<string, ColumnKind>(view.Dimensions, StringComparer.Ordinal);
        foreach (var name in view.TimeColumnNames)
        {
            columns[name] = ColumnKind.Time;
        }

        return FilterParser.Parse(list, "query.filters", columns, $"view {view.Name}", out filters);
    }

    private static string? Order(JsonElement root, List<string> columns, out List<MetricsOrder> order)
    {
        order = [];
        if (!Present(root, "orderBy", out var list))
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            return "query.orderBy: must be null or an array of {\"field\": \"<column>\", \"direction\": \"asc\" | \"desc\"}";
        }

        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"query.orderBy[{i++}]";
            if (item.ValueKind != JsonValueKind.Object || Text(item, "field") is not { } field || !columns.Contains(field))
            {
                return $"{path}.field: must be a result column: {string.Join(", ", columns)}";
            }

            var direction = Text(item, "direction");
            if (direction is not ("asc" or "desc"))
            {
                return $"{path}.direction: must be asc or desc";
            }

            order.Add(new MetricsOrder(field, direction == "desc"));
        }

        return null;
    }

    private static string? RowLimit(JsonElement root, out int? rowLimit, out int bins)
    {
        rowLimit = null;
        bins = MetricsQuery.DefaultBins;
        if (!Present(root, "config", out var config))
        {
            return null;
        }

        if (config.ValueKind != JsonValueKind.Object)
        {
            return "query.config: must be an object";
        }

        if (Present(config, "bins", out var binsValue))
        {
            if (binsValue.ValueKind != JsonValueKind.Number || !binsValue.TryGetInt32(out bins) || bins is < 1 or > 100)
            {
                bins = MetricsQuery.DefaultBins;
                return "query.config.bins: must be an integer from 1 to 100";
            }
        }

        if (Present(config, "row_limit", out var limit))
        {
            if (limit.ValueKind != JsonValueKind.Number || !limit.TryGetInt32(out var n) || n is < 1 or > 1000)
            {
                return "query.config.row_limit: must be an integer from 1 to 1000";
            }

            rowLimit = n;
        }

        return null;
    }

    // ClickHouse's DateTime64 range; it also keeps the bucket arithmetic of gap filling far from DateTime's limits.
    private static readonly DateTime Earliest = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Latest = new(2300, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static string? Time(JsonElement root, string name, out DateTime value)
    {
        value = default;
        if (Text(root, name) is not { } text || !QueryValues.TryParseTime(text, out value))
        {
            return $"query.{name}: required, an ISO 8601 datetime with a time zone (e.g. 2024-01-01T00:00:00.000Z)";
        }

        return value < Earliest || value >= Latest ? $"query.{name}: must be between 1900 and 2299" : null;
    }

    private static bool Present(JsonElement obj, string name, out JsonElement value) =>
        obj.TryGetProperty(name, out value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
