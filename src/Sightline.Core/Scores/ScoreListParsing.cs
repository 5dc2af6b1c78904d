using System.Globalization;
using Sightline.Api;

namespace Sightline.Scores;

/// <summary>Turns the score list parameters into a query, or a message naming the first bad parameter.</summary>
internal static class ScoreListParsing
{
    public static readonly string[] DataTypes = ["NUMERIC", "BOOLEAN", "CATEGORICAL", "CORRECTION", "TEXT"];
    public static readonly string[] Sources = ["API", "ANNOTATION", "EVAL"];
    public static readonly string[] Operators = ["<", ">", "<=", ">=", "=", "!="];

    /// <param name="legacy">The v1 list: trace scores only, always with their trace, no v2-only filters.</param>
    public static string? Parse(ScoreListParameters p, string projectId, bool legacy, out ScoreListQuery query)
    {
        query = new ScoreListQuery { ProjectId = projectId };
        var problem = QueryValues.First(
            QueryValues.Paging(p.Page, p.Limit, out var page, out var limit),
            QueryValues.Time(p.FromTimestamp, "fromTimestamp", out var from),
            QueryValues.Time(p.ToTimestamp, "toTimestamp", out var to),
            QueryValues.OneOf(p.Source, "source", Sources, out var source),
            QueryValues.OneOf(p.DataType, "dataType", DataTypes, out var dataType),
            ValueFilter(p.Operator, p.Value, out var op, out var value),
            Fields(p, legacy, out var includeTrace),
            FilterParser.ParseParameter(p.Filter, ScoreFilterColumns.All, "scores", out var conditions));
        if (problem is not null)
        {
            return problem;
        }

        // As in Langfuse, a simple parameter gives way to a filter condition on the same column.
        bool Free(string column) => !conditions.Any(c => c.Column == column);
        query = new ScoreListQuery
        {
            ProjectId = projectId,
            Page = page,
            Limit = limit,
            TraceScoresOnly = legacy,
            IncludeTrace = includeTrace,
            UserId = QueryValues.Optional(p.UserId),
            TraceTags = CommaList(p.TraceTags),
            Name = Free("name") ? QueryValues.Optional(p.Name) : null,
            Source = Free("source") ? source : null,
            FromTimestamp = Free("timestamp") ? from : null,
            ToTimestamp = Free("timestamp") ? to : null,
            ValueOperator = Free("value") ? op : null,
            Value = Free("value") ? value : null,
            ScoreIds = Free("id") ? CommaList(p.ScoreIds) : [],
            ConfigId = Free("configId") ? QueryValues.Optional(p.ConfigId) : null,
            QueueId = Free("queueId") ? QueryValues.Optional(p.QueueId) : null,
            DataType = Free("dataType") ? dataType : null,
            Environments = Free("environment") ? CommaList(p.Environment) : [],
            SessionId = !legacy && Free("sessionId") ? QueryValues.Optional(p.SessionId) : null,
            DatasetRunId = !legacy && Free("datasetRunId") ? QueryValues.Optional(p.DatasetRunId) : null,
            TraceId = !legacy && Free("traceId") ? QueryValues.Optional(p.TraceId) : null,
            ObservationIds = !legacy && Free("observationId") ? CommaList(p.ObservationId) : [],
            Conditions = conditions,
        };
        return null;
    }

    /// <summary><c>operator</c> and <c>value</c> compare the numeric value; one without the other is refused.</summary>
    private static string? ValueFilter(string? opText, string? valueText, out string? op, out double? value)
    {
        op = QueryValues.Optional(opText);
        value = null;
        if (op is not null && !Operators.Contains(op))
        {
            op = null;
            return $"operator: must be one of {string.Join(", ", Operators)} (URL-encoded, e.g. %3E%3D for >=)";
        }

        if (!string.IsNullOrEmpty(valueText))
        {
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            {
                return "value: must be a number";
            }

            value = number;
        }

        return (op is null, value is null) switch
        {
            (true, false) => "operator: required with value, one of " + string.Join(", ", Operators),
            (false, true) => "value: required with operator, a number",
            _ => null,
        };
    }

    /// <summary>
    /// Field groups <c>score</c> and <c>trace</c> (both by default); unknown names are ignored, as in Langfuse. The
    /// legacy list has no field groups and always shows the trace.
    /// </summary>
    private static string? Fields(ScoreListParameters p, bool legacy, out bool includeTrace)
    {
        includeTrace = true;
        if (legacy || string.IsNullOrWhiteSpace(p.Fields))
        {
            return null;
        }

        var groups = p.Fields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        includeTrace = groups.Contains("trace");
        if (!groups.Contains("score"))
        {
            return "fields: must include 'score'; the score fields are always returned (groups: score, trace)";
        }

        return !includeTrace && (!string.IsNullOrEmpty(p.UserId) || CommaList(p.TraceTags).Count > 0)
            ? "fields: must include 'trace' to filter by trace properties (userId, traceTags)"
            : null;
    }

    /// <summary>A repeatable parameter whose single value may also list several, comma-separated (Langfuse splits it).</summary>
    private static IReadOnlyList<string> CommaList(string[]? values) =>
        QueryValues.Many(values?.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray());

    private static IReadOnlyList<string> CommaList(string? value) => CommaList(value is null ? null : [value]);
}
