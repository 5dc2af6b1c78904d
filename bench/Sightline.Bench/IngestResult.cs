namespace Sightline.Bench;

/// <summary>
/// One process (or deployment) under the ingestion benchmark's closed-loop load: events/s acknowledged, request
/// latency (ms), failed requests (refused ones among them), the peak RSS of each process watched (MB, in the order
/// they were given) and the ingest→queryable delays of the sampled batches that became queryable in time.
/// </summary>
internal sealed record IngestResult(
    double EventsPerSecond,
    double P50,
    double P99,
    int Requests,
    int FailedRequests,
    int RefusedRequests,
    IReadOnlyList<double> PeakRssMegabytes,
    List<double> Queryable,
    int QueryableSampled);
