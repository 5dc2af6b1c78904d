using Sightline.Storage.ClickHouse;

namespace Sightline.Storage.Tests.ClickHouse;

/// <summary>The DDL text for a cluster; the test endpoint is a single node, so the cluster form is checked as text.</summary>
public sealed class ClickHouseDdlTests
{
    [Fact]
    public void ClusterEnabled_EveryTableIsReplicatedAndCreatedOnTheCluster()
    {
        var ddl = new ClickHouseDdl("analytics", clusterEnabled: true, clusterName: "main");
        var statements = ClickHouseSchema.Steps(ddl).SelectMany(s => s.Statements).Prepend(ClickHouseSchema.LedgerSql(ddl)).ToList();

        Assert.Equal("CREATE DATABASE IF NOT EXISTS `analytics` ON CLUSTER `main`", ddl.CreateDatabase());
        Assert.Equal(5, statements.Count);
        Assert.All(statements, s =>
        {
            Assert.Matches(@"^CREATE TABLE IF NOT EXISTS `analytics`\.[a-z_]+ ON CLUSTER `main`\n", s);
            Assert.Contains("ENGINE = ReplicatedReplacingMergeTree(", s, StringComparison.Ordinal);
            Assert.DoesNotContain("ENGINE = ReplacingMergeTree", s, StringComparison.Ordinal);
        });
        Assert.StartsWith(
            "CREATE TABLE IF NOT EXISTS `analytics`.traces ON CLUSTER `main`\n(\n    id String,\n    project_id String,\n    timestamp DateTime64(3, 'UTC'),",
            statements[1], StringComparison.Ordinal);
        Assert.EndsWith("ENGINE = ReplicatedReplacingMergeTree(event_ts, is_deleted)\nORDER BY (project_id, id)", statements[1], StringComparison.Ordinal);
        Assert.EndsWith("ENGINE = ReplicatedReplacingMergeTree(applied_at)\nORDER BY (name)", statements[0], StringComparison.Ordinal);
    }

    [Fact]
    public void SingleServer_TablesAreLocalAndNoStatementNamesACluster()
    {
        var ddl = new ClickHouseDdl("default", clusterEnabled: false, clusterName: "main");
        var statements = ClickHouseSchema.Steps(ddl).SelectMany(s => s.Statements).Prepend(ClickHouseSchema.LedgerSql(ddl)).Append(ddl.CreateDatabase()).ToList();

        Assert.All(statements, s => Assert.DoesNotContain("CLUSTER", s, StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("ENGINE = ReplacingMergeTree(event_ts, is_deleted)", StringComparison.Ordinal));
    }

    [Fact]
    public void Names_WithBackticksOrBackslashes_AreQuotedLiterally()
    {
        var ddl = new ClickHouseDdl("we`ird\\db", clusterEnabled: true, clusterName: "c`1");

        Assert.Equal("CREATE DATABASE IF NOT EXISTS `we\\`ird\\\\db` ON CLUSTER `c\\`1`", ddl.CreateDatabase());
    }
}
