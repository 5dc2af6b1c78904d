namespace Sightline.Storage.ClickHouse;

/// <summary>
/// DDL text for one deployment shape: a single server (<c>ReplacingMergeTree</c>) or a cluster
/// (<c>ReplicatedReplacingMergeTree</c>, every statement <c>ON CLUSTER</c>). Table names are qualified with the
/// database, so a statement a cluster replays on each node means the same table everywhere.
/// </summary>
internal sealed class ClickHouseDdl(string database, bool clusterEnabled, string clusterName)
{
    public string Database => database;

    public bool ClusterEnabled => clusterEnabled;

    private string OnCluster => clusterEnabled ? " ON CLUSTER " + ClickHouseText.Identifier(clusterName) : "";

    public string Table(string name) => ClickHouseText.Identifier(database) + "." + name;

    public string CreateDatabase() => $"CREATE DATABASE IF NOT EXISTS {ClickHouseText.Identifier(database)}{OnCluster}";

    /// <summary>
    /// A table that keeps, per sorting key, the row with the highest <paramref name="version"/> column (and drops it
    /// from FINAL reads when <paramref name="deletedFlag"/> is set on that row). Replicated tables take ZooKeeper path
    /// and replica name from the server's <c>default_replica_path</c> and <c>default_replica_name</c>.
    /// </summary>
    public string CreateReplacingTable(string name, IReadOnlyList<string> columnsAndIndexes, string version, string? deletedFlag, string orderBy)
    {
        var engine = (clusterEnabled ? "ReplicatedReplacingMergeTree" : "ReplacingMergeTree") + "(" + version + (deletedFlag is null ? "" : ", " + deletedFlag) + ")";
        return $"""
            CREATE TABLE IF NOT EXISTS {Table(name)}{OnCluster}
            (
                {string.Join(",\n    ", columnsAndIndexes)}
            )
            ENGINE = {engine}
            ORDER BY ({orderBy})
            """;
    }
}
