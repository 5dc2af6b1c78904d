namespace Sightline.Otel;

/// <summary>An OTLP <c>InstrumentationScope</c>: the library that produced the spans.</summary>
internal sealed record OtlpScope(string Name, string? Version, IReadOnlyList<OtlpAttribute> Attributes)
{
    public static readonly OtlpScope Unknown = new("", null, []);
}
