using Microsoft.Extensions.Logging;

namespace Sightline.LlmConnections;

/// <summary>Never logs a key, a header value or a provider's raw answer.</summary>
internal static partial class LlmConnectionsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Saved LLM connection {ConnectionId} ({Adapter}) of project {ProjectId}; created: {Created}")]
    public static partial void ConnectionSaved(this ILogger logger, string projectId, string connectionId, string adapter, bool created);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted LLM connection {ConnectionId} of project {ProjectId}")]
    public static partial void ConnectionDeleted(this ILogger logger, string projectId, string connectionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tested LLM connection {ConnectionId} ({Adapter}, model {Model}) of project {ProjectId}: success {Success}, provider status {ProviderStatus}, {LatencyMs} ms")]
    public static partial void ConnectionTested(this ILogger logger, string projectId, string connectionId, string adapter, string model, bool success, int? providerStatus, long latencyMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The secrets of LLM connection {ConnectionId} of project {ProjectId} cannot be read: {Reason}")]
    public static partial void SecretsUnreadable(this ILogger logger, string projectId, string connectionId, string reason);
}
