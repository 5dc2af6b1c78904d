namespace Sightline.Metrics;

/// <summary>
/// Usage of one model on one day. Input (output) usage sums every usage key containing "input" ("output"), as
/// Langfuse does; total usage is the <c>total</c> key. <c>Model</c> is null for observations without one.
/// </summary>
public sealed record ModelUsage(string? Model, long InputUsage, long OutputUsage, long TotalUsage, long CountObservations, long CountTraces, decimal TotalCost);
