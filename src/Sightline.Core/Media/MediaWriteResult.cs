namespace Sightline.Media;

/// <param name="BytesReceived">Bytes read from the body before the store stopped (at most one past the announced length).</param>
public sealed record MediaWriteResult(MediaWriteOutcome Outcome, long BytesReceived);
