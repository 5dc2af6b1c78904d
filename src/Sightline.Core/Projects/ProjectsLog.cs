using Microsoft.Extensions.Logging;

namespace Sightline.Projects;

internal static partial class ProjectsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Provisioned project {ProjectId} from LANGFUSE_INIT_PROJECT_ID")]
    public static partial void ProvisionedProject(this ILogger logger, string projectId);

    [LoggerMessage(Level = LogLevel.Error, Message = "LANGFUSE_INIT_PROJECT_PUBLIC_KEY is already used by another project or key; the provisioned key was not changed")]
    public static partial void ProvisionedKeyConflict(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention of {Days} days applied to project {ProjectId}: removed {Traces} traces, {Observations} observations and {Scores} scores")]
    public static partial void RetentionApplied(this ILogger logger, string projectId, int days, long traces, long observations, long scores);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention pass failed for {ProjectId}; it is tried again at the next interval")]
    public static partial void RetentionFailed(this ILogger logger, Exception exception, string projectId);
}
