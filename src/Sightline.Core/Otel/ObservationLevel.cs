namespace Sightline.Otel;

/// <summary>Level and status message of a span (spec §5.2).</summary>
internal static class ObservationLevel
{
    public static string Resolve(SpanAttributes a, OtlpStatus status) =>
        a.String("langfuse.observation.level")?.ToUpperInvariant() switch
        {
            "DEBUG" or "TRACE" or "VERBOSE" => "DEBUG",
            "DEFAULT" or "INFO" or "LOG" or "NOTICE" or "OK" or "SUCCESS" => "DEFAULT",
            "WARNING" or "WARN" => "WARNING",
            "ERROR" or "FATAL" or "CRITICAL" => "ERROR",
            _ => status.Code == OtlpStatus.Error ? "ERROR" : "DEFAULT",
        };

    public static string? StatusMessage(SpanAttributes a, OtlpStatus status) =>
        a.String("langfuse.observation.status_message") ?? status.Message;
}
