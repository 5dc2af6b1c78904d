using Microsoft.Extensions.Logging;

namespace Sightline.Datasets;

internal static partial class DatasetsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Saved dataset {DatasetId} in project {ProjectId} (created: {Created})")]
    public static partial void DatasetSaved(this ILogger logger, string projectId, string datasetId, bool created);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created dataset run {RunId} of dataset {DatasetId} in project {ProjectId}")]
    public static partial void RunCreated(this ILogger logger, string projectId, string datasetId, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted dataset run {RunId} and its {Items} run items in project {ProjectId}")]
    public static partial void RunDeleted(this ILogger logger, string projectId, string runId, long items);
}
