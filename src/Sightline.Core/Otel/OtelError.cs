namespace Sightline.Otel;

/// <summary>Langfuse's OTel error body: <c>{"error": "..."}</c> (no <c>message</c>, unlike the other endpoints).</summary>
public sealed record OtelError(string Error);
