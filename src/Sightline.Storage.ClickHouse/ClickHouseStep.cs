namespace Sightline.Storage.ClickHouse;

/// <summary>One schema step: statements that are each safe to run again, recorded in the ledger after the last succeeds.</summary>
internal sealed record ClickHouseStep(string Name, IReadOnlyList<string> Statements);
