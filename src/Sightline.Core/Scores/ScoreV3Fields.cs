namespace Sightline.Scores;

/// <summary>Field groups of the v3 score list; the core fields (id, name, value, ...) always come.</summary>
[Flags]
internal enum ScoreV3Fields
{
    Core = 0,
    /// <summary>comment, configId, metadata.</summary>
    Details = 1,
    /// <summary>What the score is about: a trace, an observation (with its trace), a session or an experiment.</summary>
    Subject = 2,
    /// <summary>authorUserId, queueId.</summary>
    Annotation = 4,
}
