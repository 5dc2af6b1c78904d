namespace Sightline.Otel;

/// <summary>The spans one instrumentation scope produced.</summary>
internal sealed record OtlpScopeSpans(OtlpScope Scope, IReadOnlyList<OtlpSpan> Spans);
