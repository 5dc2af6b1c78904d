namespace Sightline.Otel;

/// <summary>The empty <c>{}</c> a successful trace export returns; OTLP clients ignore the body.</summary>
public sealed record OtelExportResponse;
