using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Sightline.Server.Tests.Infrastructure;

/// <summary>
/// Ingestion through the public API from a few concurrent senders until stopped, as SDKs would send it: each batch
/// holds <see cref="TracesPerBatch"/> trace-create events with trace ids never used before. Records which events the
/// server acknowledged (listed in the 207's successes) and every other answer, by status code.
/// </summary>
public sealed class IngestionLoad(HttpClient client, string run)
{
    public const int TracesPerBatch = 5;

    private readonly ConcurrentDictionary<string, byte> _acknowledged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _refusals = new();
    private int _next;

    /// <summary>Trace ids whose events were acknowledged.</summary>
    public IReadOnlyCollection<string> Acknowledged => [.. _acknowledged.Keys];

    public int AcknowledgedCount => _acknowledged.Count;

    /// <summary>Every trace id sent, acknowledged or not.</summary>
    public HashSet<string> Sent => _sent.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Answers other than a 207 acknowledging the whole batch, as "status: body" (or the exception's name).</summary>
    public IReadOnlyList<string> Refusals => [.. _refusals];

    public Task RunAsync(int senders, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, senders).Select(_ => SendUntilAsync(stop)));

    private async Task SendUntilAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await SendBatchAsync();
            await Task.Delay(20, CancellationToken.None);
        }
    }

    public async Task SendBatchAsync()
    {
        var ids = Enumerable.Range(0, TracesPerBatch).Select(_ => $"{run}-{Interlocked.Increment(ref _next)}").ToList();
        var batch = new StringBuilder("""{"batch":[""");
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            _sent[id] = 0;
            batch.Append(i > 0 ? "," : "").Append(
                $$"""{"id":"event-{{id}}","type":"trace-create","timestamp":"2026-03-01T00:00:00.000Z","body":{"id":"{{id}}","name":"fault-load","metadata":{"n":"{{id}}"} } }""");
        }

        batch.Append("]}");
        try
        {
            using var response = await client.PostAsync("/api/public/ingestion", new StringContent(batch.ToString(), Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.MultiStatus)
            {
                _refusals.Enqueue($"{(int)response.StatusCode}: {body}");
                return;
            }

            using var doc = JsonDocument.Parse(body);
            foreach (var success in doc.RootElement.GetProperty("successes").EnumerateArray())
            {
                _acknowledged[success.GetProperty("id").GetString()!["event-".Length..]] = 0;
            }

            if (doc.RootElement.GetProperty("errors").GetArrayLength() > 0)
            {
                _refusals.Enqueue($"207 with errors: {body}");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            _refusals.Enqueue(ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>
    /// Waits until every acknowledged trace is listed by the API, then returns how many times each listed trace of this
    /// load appears (a trace listed twice would be stored twice).
    /// </summary>
    public async Task<Dictionary<string, int>> StoredAsync(TimeSpan timeout)
    {
        Dictionary<string, int> listed = [];
        var acknowledged = Acknowledged;
        await Poll.UntilTrueAsync(async () =>
        {
            listed = await ListAsync();
            return acknowledged.All(listed.ContainsKey);
        }, timeout);
        return listed;
    }

    private async Task<Dictionary<string, int>> ListAsync()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            using var response = await client.GetAsync($"/api/public/traces?limit=100&page={page}&fields=core");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return counts; // not readable yet (the analytics store may be away): try again
            }

            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var data = doc.RootElement.GetProperty("data");
            foreach (var trace in data.EnumerateArray())
            {
                var id = trace.GetProperty("id").GetString()!;
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }

            if (page >= doc.RootElement.GetProperty("meta").GetProperty("totalPages").GetInt32())
            {
                return counts;
            }
        }
    }
}
