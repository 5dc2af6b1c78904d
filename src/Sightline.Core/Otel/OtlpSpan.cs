namespace Sightline.Otel;

/// <summary>
/// One decoded span. Ids are lowercase hex (or the OTLP/JSON string as sent); a time of 0 means it was not sent.
/// </summary>
internal sealed record OtlpSpan(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    int Kind,
    ulong StartTimeUnixNano,
    ulong EndTimeUnixNano,
    IReadOnlyList<OtlpAttribute> Attributes,
    IReadOnlyList<OtlpSpanEvent> Events,
    OtlpStatus Status);
