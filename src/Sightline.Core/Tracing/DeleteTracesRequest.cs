namespace Sightline.Tracing;

/// <summary>Body of <c>DELETE /api/public/traces</c> (documents the schema; the handler validates the raw JSON).</summary>
internal sealed record DeleteTracesRequest(IReadOnlyList<string> TraceIds);
