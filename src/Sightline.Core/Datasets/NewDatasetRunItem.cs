namespace Sightline.Datasets;

/// <summary>A validated <c>POST /api/public/dataset-run-items</c> body; metadata is raw JSON text.</summary>
internal sealed record NewDatasetRunItem(
    string RunName,
    string? RunDescription,
    string? Metadata,
    string DatasetItemId,
    string? TraceId,
    string? ObservationId,
    DateTime? CreatedAt);
