using System.Text.Json;

namespace Sightline.Datasets;

/// <summary>Rows of the metadata store to the API's objects.</summary>
internal static class DatasetMapping
{
    public static JsonElement? Json(string? text)
    {
        if (text is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static DatasetDto ToDto(Dataset d) =>
        new(d.Id, d.Name, d.Description, Json(d.Metadata), Json(d.InputSchema), Json(d.ExpectedOutputSchema), d.ProjectId, d.CreatedAt, d.UpdatedAt);

    public static DatasetItemDto ToDto(DatasetItemVersion i, string datasetName) =>
        new(i.Id, i.Status, Json(i.Input), Json(i.ExpectedOutput), Json(i.Metadata), i.SourceTraceId, i.SourceObservationId, i.DatasetId, datasetName,
            i.CreatedAt, i.ValidFrom, []);

    public static DatasetRunDto ToDto(DatasetRun r, string datasetName) =>
        new(r.Id, r.Name, r.Description, Json(r.Metadata), r.DatasetId, datasetName, r.CreatedAt, r.UpdatedAt);

    public static DatasetRunItemDto ToDto(DatasetRunItemRecord i, string runName) =>
        new(i.Id, i.DatasetRunId, runName, i.DatasetItemId, i.TraceId, i.ObservationId, i.CreatedAt, i.UpdatedAt);

    /// <summary>
    /// The current time at millisecond precision, the precision the API shows: an item's <c>updatedAt</c> read back
    /// and passed as <c>version</c> then selects exactly that version.
    /// </summary>
    public static DateTime Now(TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }
}
