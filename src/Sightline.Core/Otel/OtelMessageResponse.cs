namespace Sightline.Otel;

/// <summary><c>{"message": "OK"}</c>, the metrics endpoint's answer.</summary>
public sealed record OtelMessageResponse(string Message);
