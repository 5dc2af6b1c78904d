namespace Sightline.Datasets;

/// <summary>
/// A validated <c>POST /api/public/dataset-items</c> body. JSON values are raw JSON text; null (sent as null or left
/// out) keeps an existing item's value, as Langfuse's upsert does.
/// </summary>
internal sealed record NewDatasetItem(
    string DatasetName,
    string? Id,
    string? Input,
    string? ExpectedOutput,
    string? Metadata,
    string? SourceTraceId,
    string? SourceObservationId,
    string? Status);
