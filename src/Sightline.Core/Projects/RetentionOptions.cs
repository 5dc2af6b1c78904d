namespace Sightline.Projects;

/// <summary>How often the worker applies the projects' data retention (<c>SIGHTLINE_RETENTION_INTERVAL_SECONDS</c>).</summary>
public sealed class RetentionOptions
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);
}
