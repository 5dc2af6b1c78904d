using System.Buffers;
using System.Collections;
using System.Text.Json;
using Sightline.Api;

namespace Sightline.Metrics;

/// <summary>
/// Turns a query's rows into the response objects. A bucketed query without an explicit order also gets a row for
/// every empty bucket of the range (dimensions null, metrics 0), as Langfuse's <c>WITH FILL</c> gives, so charts
/// see a continuous series.
/// </summary>
internal static class MetricsResults
{
    /// <summary>Past this many buckets (a year in minutes, say) gaps are left unfilled rather than flooding the response.</summary>
    private const int MaxFilledBuckets = 10_000;

    /// <summary>Whether the engine should leave ordering of the fill and the row limit to <see cref="ToJson"/>.</summary>
    public static bool Fills(MetricsQuery query) =>
        query.Granularity is { } granularity && query.OrderBy.Count == 0 && BucketCount(query, granularity) <= MaxFilledBuckets;

    public static List<JsonElement> ToJson(MetricsQuery query, int? rowLimit, MetricsTable table)
    {
        var rows = table.Rows.ToList();
        var timeIndex = IndexOf(table.Columns, MetricsTable.TimeColumn);
        if (Fills(query) && timeIndex >= 0)
        {
            rows = Fill(query, table.Columns, rows, timeIndex);
        }

        if (rowLimit is { } limit && rows.Count > limit)
        {
            rows = rows.Take(limit).ToList();
        }

        return rows.Select(row => Write(table.Columns, row, query.Granularity)).ToList();
    }

    private static List<object?[]> Fill(MetricsQuery query, IReadOnlyList<string> columns, List<object?[]> rows, int timeIndex)
    {
        var granularity = query.Granularity!.Value;
        var present = rows.Select(r => r[timeIndex]).OfType<DateTime>().Select(t => DateTime.SpecifyKind(t, DateTimeKind.Utc)).ToHashSet();
        var metricStart = query.Dimensions.Count + 1;
        for (var bucket = TimeBuckets.Start(query.From, granularity); bucket < query.To; bucket = TimeBuckets.Next(bucket, granularity))
        {
            if (present.Contains(bucket))
            {
                continue;
            }

            var empty = new object?[columns.Count];
            empty[timeIndex] = bucket;
            for (var i = metricStart; i < columns.Count; i++)
            {
                empty[i] = query.Metrics is [{ Aggregation: MetricAggregation.Histogram }] ? new List<object?>() : 0L;
            }

            rows.Add(empty);
        }

        // A stable sort keeps the engine's order among rows of the same bucket.
        return rows.OrderBy(r => r[timeIndex] is DateTime t ? t : DateTime.MaxValue).ToList();
    }

    private static long BucketCount(MetricsQuery query, TimeGranularity granularity)
    {
        var span = query.To - TimeBuckets.Start(query.From, granularity);
        return granularity switch
        {
            TimeGranularity.Minute => (long)span.TotalMinutes + 1,
            TimeGranularity.Hour => (long)span.TotalHours + 1,
            TimeGranularity.Day => (long)span.TotalDays + 1,
            TimeGranularity.Week => (long)(span.TotalDays / 7) + 1,
            _ => (long)(span.TotalDays / 28) + 1,
        };
    }

    private static JsonElement Write(IReadOnlyList<string> columns, object?[] row, TimeGranularity? granularity)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (var i = 0; i < columns.Count; i++)
            {
                writer.WritePropertyName(columns[i]);
                WriteValue(writer, row[i], granularity);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, TimeGranularity? granularity)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case int n:
                writer.WriteNumberValue(n);
                break;
            case decimal d:
                writer.WriteNumberValue(ApiNumbers.Trim(d));
                break;
            case double d:
                if (double.IsFinite(d))
                {
                    writer.WriteNumberValue(d);
                }
                else
                {
                    writer.WriteNullValue();
                }

                break;
            case DateTime t:
                writer.WriteStringValue(TimeBuckets.Format(DateTime.SpecifyKind(t, DateTimeKind.Utc), granularity ?? TimeGranularity.Minute));
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item, granularity);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
