namespace Sightline.Datasets;

/// <summary>
/// A validated dataset body. JSON values are raw JSON text; a <c>Has…</c> flag tells a field that was sent (possibly as
/// null, which clears it) from one left out, which an upsert of an existing dataset keeps as it was.
/// </summary>
internal sealed record NewDataset(
    string Name,
    bool HasDescription,
    string? Description,
    bool HasMetadata,
    string? Metadata,
    bool HasInputSchema,
    string? InputSchema,
    bool HasExpectedOutputSchema,
    string? ExpectedOutputSchema);
