namespace Sightline.Ingestion;

/// <summary>The log refused an append; the API answers 503 with Retry-After and nothing was acknowledged.</summary>
public sealed class EventLogFullException(string message, Exception? inner = null) : Exception(message, inner);
