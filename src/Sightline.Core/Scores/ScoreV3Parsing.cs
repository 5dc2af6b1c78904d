using System.Globalization;
using Sightline.Api;
using Sightline.Ingestion;

namespace Sightline.Scores;

/// <summary>
/// Turns the v3 score list's parameters into a query, or a message naming the first bad parameter. The rules are
/// Langfuse's: comma-separated list filters, upper-cased enum values, value filters only with one data type,
/// observation ids only with trace ids, and at most one of trace, session and experiment ids.
/// </summary>
internal static class ScoreV3Parsing
{
    public const int MaxLimit = 100;

    private static readonly string[] Groups = ["core", "details", "subject", "annotation"];

    public static string? Parse(ScoreV3Parameters p, IEnumerable<string> given, string projectId, out ScoreV3Query query, out int limit, out ScoreCursor? cursor,
        out ScoreV3Fields fields)
    {
        query = new ScoreV3Query { ProjectId = projectId };
        fields = ScoreV3Fields.Core;
        var problem = QueryValues.First(
            given.FirstOrDefault(name => !ScoreV3Parameters.Names.Contains(name, StringComparer.Ordinal)) is { } unknown
                ? $"{unknown}: unknown parameter of the v3 score list"
                : null,
            p.UserId is null ? null : "userId: filtering on the trace's user is not supported by the v3 score list; use /api/public/v2/scores or omit it",
            p.TraceTags is null ? null : "traceTags: filtering on the trace's tags is not supported by the v3 score list; use /api/public/v2/scores or omit it",
            QueryValues.Limit(p.Limit, MaxLimit, QueryValues.DefaultLimit, out limit),
            DecodeCursor(p.Cursor, out cursor),
            Fields(p.Fields, out fields),
            Enums(p.Source, "source", ScoreListParsing.Sources, out var sources),
            Enums(p.DataType, "dataType", ScoreListParsing.DataTypes, out var dataTypes),
            Number(p.ValueMin, "valueMin", out var valueMin),
            Number(p.ValueMax, "valueMax", out var valueMax),
            QueryValues.Time(p.FromTimestamp, "fromTimestamp", out var from),
            QueryValues.Time(p.ToTimestamp, "toTimestamp", out var to));
        if (problem is not null)
        {
            return problem;
        }

        var traceIds = List(p.TraceId);
        var observationIds = List(p.ObservationId);
        var sessionIds = List(p.SessionId);
        var experimentIds = List(p.ExperimentId);
        if (observationIds.Count > 0 && traceIds.Count == 0)
        {
            return "observationId: requires traceId; observation ids are scoped to a trace";
        }

        if (new[] { traceIds, sessionIds, experimentIds }.Count(ids => ids.Count > 0) > 1)
        {
            return "traceId, sessionId, experimentId: at most one of them may be given";
        }

        if ((valueMin is not null || valueMax is not null) && dataTypes is not ["NUMERIC"])
        {
            return "valueMin, valueMax: require dataType=NUMERIC as the only data type";
        }

        if (Values(List(p.Value), dataTypes, out var numbers, out var strings) is { } valueProblem)
        {
            return valueProblem;
        }

        query = new ScoreV3Query
        {
            ProjectId = projectId,
            Ids = List(p.Id),
            Names = List(p.Name),
            Sources = sources,
            DataTypes = dataTypes,
            Environments = List(p.Environment),
            ConfigIds = List(p.ConfigId),
            QueueIds = List(p.QueueId),
            AuthorUserIds = List(p.AuthorUserId),
            NumericValues = numbers,
            StringValues = strings,
            ValueMin = valueMin,
            ValueMax = valueMax,
            TraceIds = traceIds,
            SessionIds = sessionIds,
            ObservationIds = observationIds,
            ExperimentIds = experimentIds,
            FromTimestamp = from,
            ToTimestamp = to,
        };
        return null;
    }

    /// <summary>
    /// <c>value</c> compares with the one data type named: numbers for NUMERIC, true/false for BOOLEAN (stored as 1 and
    /// 0), categories for CATEGORICAL.
    /// </summary>
    private static string? Values(List<string> values, IReadOnlyList<string> dataTypes, out IReadOnlyList<double> numbers, out IReadOnlyList<string> strings)
    {
        numbers = [];
        strings = [];
        if (values.Count == 0)
        {
            return null;
        }

        switch (dataTypes)
        {
            case ["NUMERIC"]:
                var parsed = new List<double>();
                foreach (var v in values)
                {
                    if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                    {
                        return $"value: with dataType=NUMERIC each value must be a finite number (got \"{v}\")";
                    }

                    parsed.Add(number);
                }

                numbers = parsed;
                return null;
            case ["BOOLEAN"]:
                if (values.FirstOrDefault(v => v is not ("true" or "false")) is { } bad)
                {
                    return $"value: with dataType=BOOLEAN each value must be true or false (got \"{bad}\")";
                }

                numbers = values.Select(v => v == "true" ? 1.0 : 0.0).Distinct().ToList();
                return null;
            case ["CATEGORICAL"]:
                strings = values;
                return null;
            default:
                return "value: requires exactly one dataType, one of NUMERIC, BOOLEAN, CATEGORICAL";
        }
    }

    private static string? Fields(string? text, out ScoreV3Fields fields)
    {
        fields = ScoreV3Fields.Core;
        foreach (var group in List(text))
        {
            ScoreV3Fields? flag = group switch
            {
                "core" => ScoreV3Fields.Core,
                "details" => ScoreV3Fields.Details,
                "subject" => ScoreV3Fields.Subject,
                "annotation" => ScoreV3Fields.Annotation,
                _ => null,
            };
            if (flag is null)
            {
                fields = ScoreV3Fields.Core;
                return $"fields: unknown group \"{group}\"; allowed: {string.Join(", ", Groups)}";
            }

            fields |= flag.Value;
        }

        return null;
    }

    private static string? Enums(string? text, string name, IReadOnlyCollection<string> allowed, out IReadOnlyList<string> values)
    {
        values = List(text).Select(v => v.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (values.FirstOrDefault(v => !allowed.Contains(v)) is { } bad)
        {
            values = [];
            return $"{name}: invalid value \"{bad}\"; allowed: {string.Join(", ", allowed)}";
        }

        return null;
    }

    private static string? Number(string? text, string name, out double? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return $"{name}: must be a finite number";
        }

        value = number;
        return null;
    }

    private static List<string> List(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

    public static string EncodeCursor(ScoreCursor cursor) =>
        CursorText.Encode(("lastTimestamp", CursorText.Time(cursor.Timestamp)), ("lastId", cursor.Id));

    private static string? DecodeCursor(string? text, out ScoreCursor? cursor) =>
        CursorText.Decode(text, root =>
            JsonFields.String(root, "lastTimestamp") is { } time && QueryValues.TryParseTime(time, out var timestamp) && JsonFields.String(root, "lastId") is { } id
                ? new ScoreCursor(timestamp, id)
                : null, out cursor);
}
