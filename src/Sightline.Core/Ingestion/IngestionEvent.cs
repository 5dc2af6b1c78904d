using System.Text.Json;

namespace Sightline.Ingestion;

/// <summary>One validated event as accepted from a batch: the envelope's id, type and time, and its raw body.</summary>
public sealed record IngestionEvent(string Id, EventType Type, DateTime Timestamp, JsonElement Body);
