namespace Sightline.Storage.Analytics.Sql;

/// <summary>An analytics table whose full rows an engine reads into records.</summary>
internal enum RecordTable
{
    Traces,
    Observations,
    Scores,
}
