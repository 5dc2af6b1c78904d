using System.Globalization;
using System.Text.Json;
using Sightline.Datasets;
using Sightline.Tracing;

namespace Sightline.Storage.ClickHouse;

/// <summary>
/// Dataset run items in the <c>dataset_run_items</c> ReplacingMergeTree, and the run comparison aggregates. Reads use
/// FINAL; filters outside the sorting key pick candidate ids from any row version first and are checked again on the
/// merged row (see <see cref="ClickHouseAnalyticsStore"/>). Deletion writes tombstones, as trace deletion does.
/// </summary>
internal sealed class ClickHouseDatasetRunItems(ClickHouseClient client, VersionClock clock) : IDatasetRunItemStore
{
    private const string Columns = "id, project_id, dataset_id, dataset_run_id, dataset_item_id, trace_id, observation_id, created_at, updated_at";

    private static readonly Dictionary<string, string> NullsInOuterJoins = new() { ["join_use_nulls"] = "1" };

    public Task WriteAsync(DatasetRunItemRecord item, CancellationToken ct) =>
        client.InsertAsync("dataset_run_items", Columns + ", event_ts, is_deleted", [item], (w, i) => Write(w, i, clock.Next()), ct);

    public async Task<ResultPage<DatasetRunItemRecord>> ListAsync(string projectId, string datasetRunId, int limit, long offset, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var where = OfRuns(p.Add(projectId), p.Add([datasetRunId]));
        var count = client.QueryAsync($"SELECT count() FROM dataset_run_items FINAL WHERE {where}", p, r => r.Long(0), ct);
        var rows = client.QueryAsync(
            $"""
            SELECT {Columns} FROM dataset_run_items FINAL
            WHERE {where}
            ORDER BY created_at DESC, id DESC
            LIMIT {limit.ToString(CultureInfo.InvariantCulture)} OFFSET {offset.ToString(CultureInfo.InvariantCulture)}
            """,
            p, Read, ct);
        await Task.WhenAll(count, rows);
        return new ResultPage<DatasetRunItemRecord>(await rows, (await count)[0]);
    }

    public async Task<long> DeleteRunsAsync(string projectId, IReadOnlyCollection<string> datasetRunIds, CancellationToken ct)
    {
        if (datasetRunIds.Count == 0)
        {
            return 0;
        }

        var p = new ClickHouseParameters();
        var where = OfRuns(p.Add(projectId), p.Add(datasetRunIds.Distinct(StringComparer.Ordinal)));
        var existing = await client.QueryAsync($"SELECT count() FROM dataset_run_items FINAL WHERE {where}", p, r => r.Long(0), ct);
        var version = "toDateTime64(" + ClickHouseText.Quoted(clock.Next()) + ", 6, 'UTC')";
        // Only the key travels: the other columns take their defaults, as FINAL never shows a deleted row's values.
        await client.ExecuteAsync(
            $"INSERT INTO dataset_run_items (project_id, id, event_ts, is_deleted) SELECT project_id, id, {version}, 1 FROM dataset_run_items FINAL WHERE {where}",
            p, ct);
        return existing[0];
    }

    public async Task<IReadOnlyList<DatasetRunSummary>> SummarizeRunsAsync(string projectId, IReadOnlyCollection<string> datasetRunIds, CancellationToken ct)
    {
        if (datasetRunIds.Count == 0)
        {
            return [];
        }

        var p = new ClickHouseParameters();
        var (project, runs) = (p.Add(projectId), p.Add(datasetRunIds.Distinct(StringComparer.Ordinal)));
        var items = $"SELECT dataset_run_id, id, trace_id, observation_id FROM dataset_run_items FINAL WHERE {OfRuns(project, runs)}";
        var observations = $"""
            SELECT id, trace_id, start_time, end_time, usage_details['total'] AS tokens, total_cost
            FROM observations FINAL
            WHERE project_id = {project} AND trace_id IN (SELECT trace_id FROM ({items}))
            """;
        // Per item first (only its observation when it names one, else its whole trace), then per run; an item whose
        // trace has no observations yet still counts, with no latency.
        var perItem = $"""
            SELECT ri.id AS item, min(o.start_time) AS first_start, max(coalesce(o.end_time, o.start_time)) AS last_end,
                   sum(o.tokens) AS item_tokens, sum(coalesce(o.total_cost, toDecimal64(0, 12))) AS item_cost
            FROM ({items}) AS ri
            INNER JOIN ({observations}) AS o ON o.trace_id = ri.trace_id
            WHERE ri.observation_id IS NULL OR o.id = ri.observation_id
            GROUP BY ri.id
            """;
        var totals = client.QueryAsync(
            $"""
            SELECT ri.dataset_run_id AS run, count(),
                   quantileExactInclusive(0.5)(dateDiff('millisecond', a.first_start, a.last_end)),
                   quantileExactInclusive(0.95)(dateDiff('millisecond', a.first_start, a.last_end)),
                   toInt64(coalesce(sum(a.item_tokens), 0)), coalesce(sum(a.item_cost), toDecimal64(0, 12))
            FROM ({items}) AS ri
            LEFT JOIN ({perItem}) AS a ON a.item = ri.id
            GROUP BY ri.dataset_run_id
            ORDER BY run
            """,
            p, r => (Run: r.String(0), Count: r.Long(1), P50: r.NullableDouble(2), P95: r.NullableDouble(3), Tokens: r.Long(4), Cost: r.Decimal(5)), ct,
            NullsInOuterJoins);
        var numeric = "data_type IN ('NUMERIC', 'BOOLEAN') AND value IS NOT NULL";
        var scores = client.QueryAsync(
            $"""
            SELECT run, name, avg(v) FROM (
                SELECT DISTINCT ri.dataset_run_id AS run, s.id AS sid, s.name AS name, assumeNotNull(s.value) AS v
                FROM ({items}) AS ri
                INNER JOIN (SELECT id, trace_id, name, value FROM scores FINAL WHERE project_id = {project} AND {numeric}) AS s ON s.trace_id = ri.trace_id
                UNION DISTINCT
                SELECT assumeNotNull(dataset_run_id) AS run, id AS sid, name, assumeNotNull(value) AS v
                FROM scores FINAL
                WHERE project_id = {project} AND dataset_run_id IN ({runs}) AND {numeric}
            )
            GROUP BY run, name
            """,
            p, r => (Run: r.String(0), Name: r.String(1), Average: r.NullableDouble(2) ?? 0), ct);
        await Task.WhenAll(totals, scores);

        return DatasetRunSummary.Combine(await totals, await scores);
    }

    // Candidate ids from any row version, then the run checked again on the merged row.
    private static string OfRuns(string project, string runs) =>
        $"project_id = {project} AND id IN (SELECT id FROM dataset_run_items WHERE project_id = {project} AND dataset_run_id IN ({runs})) AND dataset_run_id IN ({runs})";

    private static void Write(Utf8JsonWriter w, DatasetRunItemRecord i, string version)
    {
        w.WriteStartObject();
        w.WriteString("id", i.Id);
        w.WriteString("project_id", i.ProjectId);
        w.WriteString("dataset_id", i.DatasetId);
        w.WriteString("dataset_run_id", i.DatasetRunId);
        w.WriteString("dataset_item_id", i.DatasetItemId);
        w.WriteString("trace_id", i.TraceId);
        w.WriteNullable("observation_id", i.ObservationId);
        w.WriteTime("created_at", i.CreatedAt);
        w.WriteTime("updated_at", i.UpdatedAt);
        w.WriteVersion(version);
        w.WriteEndObject();
    }

    private static DatasetRunItemRecord Read(ClickHouseRow r) => new()
    {
        Id = r.String(0),
        ProjectId = r.String(1),
        DatasetId = r.String(2),
        DatasetRunId = r.String(3),
        DatasetItemId = r.String(4),
        TraceId = r.String(5),
        ObservationId = r.NullableString(6),
        CreatedAt = r.Time(7),
        UpdatedAt = r.Time(8),
    };
}
