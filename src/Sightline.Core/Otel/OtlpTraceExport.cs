namespace Sightline.Otel;

/// <summary>
/// An OTLP <c>ExportTraceServiceRequest</c>, decoded from protobuf or OTLP/JSON into the same shape, so the
/// mapping to Langfuse events does not depend on the wire format.
/// </summary>
internal sealed record OtlpTraceExport(IReadOnlyList<OtlpResourceSpans> ResourceSpans)
{
    public IEnumerable<OtlpSpan> AllSpans => ResourceSpans.SelectMany(r => r.ScopeSpans).SelectMany(s => s.Spans);
}
