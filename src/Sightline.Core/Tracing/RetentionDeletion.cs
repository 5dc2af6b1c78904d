namespace Sightline.Tracing;

/// <summary>What one retention pass removed from a project.</summary>
public sealed record RetentionDeletion(long Traces, long Observations, long Scores)
{
    public bool Any => Traces + Observations + Scores > 0;
}
