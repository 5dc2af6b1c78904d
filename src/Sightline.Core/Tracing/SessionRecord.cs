namespace Sightline.Tracing;

/// <summary>
/// A session as Langfuse lists it. Sessions are not stored apart from traces: a session exists while a trace names
/// it, was created when its first trace was, and keeps that trace's environment.
/// </summary>
public sealed record SessionRecord(string Id, string ProjectId, DateTime CreatedAt, string Environment);
