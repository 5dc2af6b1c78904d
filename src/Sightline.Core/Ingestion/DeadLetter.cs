namespace Sightline.Ingestion;

/// <summary>
/// An event log record the worker could not store: one event that failed on its own while the events around it
/// were written, or bytes that do not decode as a record at all.
/// </summary>
/// <param name="ProjectId">The owning project, when the record could be decoded.</param>
/// <param name="Reason">Why it was set aside: the exception type and message, for the operator.</param>
/// <param name="Payload">The record as it sits in the event log (an encoded <see cref="IngestionRecord"/> when decodable).</param>
public sealed record DeadLetter(string? ProjectId, string Reason, ReadOnlyMemory<byte> Payload);
