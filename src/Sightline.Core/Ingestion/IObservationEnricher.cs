using Sightline.Tracing;

namespace Sightline.Ingestion;

/// <summary>
/// A step the worker runs on merged observations before they are written (model matching and cost, token counts,
/// later masking). Must be deterministic for the same input and stored configuration, so replays give the same rows.
/// </summary>
public interface IObservationEnricher
{
    ValueTask<IReadOnlyList<ObservationRecord>> EnrichAsync(IReadOnlyList<ObservationRecord> observations, CancellationToken ct);
}
