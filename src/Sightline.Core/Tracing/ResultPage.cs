namespace Sightline.Tracing;

/// <summary>One page of a list and the number of items under the same filters across all pages.</summary>
public sealed record ResultPage<T>(IReadOnlyList<T> Items, long TotalItems);
