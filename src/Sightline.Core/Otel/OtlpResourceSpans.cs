namespace Sightline.Otel;

/// <summary>The spans of one resource (process or service), with the resource's attributes.</summary>
internal sealed record OtlpResourceSpans(IReadOnlyList<OtlpAttribute> ResourceAttributes, IReadOnlyList<OtlpScopeSpans> ScopeSpans);
