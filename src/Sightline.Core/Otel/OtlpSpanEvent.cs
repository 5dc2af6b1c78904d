namespace Sightline.Otel;

/// <summary>A timestamped annotation on a span (<c>Span.Event</c>); GenAI instrumentations put messages here.</summary>
internal sealed record OtlpSpanEvent(ulong TimeUnixNano, string Name, IReadOnlyList<OtlpAttribute> Attributes);
