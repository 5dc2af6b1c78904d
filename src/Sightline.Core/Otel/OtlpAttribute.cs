namespace Sightline.Otel;

/// <summary>An OTLP <c>KeyValue</c>.</summary>
internal sealed record OtlpAttribute(string Key, OtlpValue Value);
