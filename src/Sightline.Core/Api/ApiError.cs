namespace Sightline.Api;

/// <summary>Langfuse's error body: <c>{"message": "...", "error": "..."}</c>.</summary>
public sealed record ApiError(string Message, string? Error = null);
