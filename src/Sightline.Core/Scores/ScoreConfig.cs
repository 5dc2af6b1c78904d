namespace Sightline.Scores;

/// <summary>
/// A project's score config: the name, data type and allowed values that scores referencing it must follow. Configs
/// are never deleted, only archived, so old scores keep pointing at a config that explains them.
/// </summary>
public sealed class ScoreConfig
{
    public required string Id { get; set; }
    public required string ProjectId { get; set; }
    public required string Name { get; set; }
    /// <summary>NUMERIC, BOOLEAN, CATEGORICAL or TEXT.</summary>
    public required string DataType { get; set; }
    public bool IsArchived { get; set; }
    /// <summary>Inclusive lower bound of NUMERIC scores; null means none.</summary>
    public double? MinValue { get; set; }
    /// <summary>Inclusive upper bound of NUMERIC scores; null means none.</summary>
    public double? MaxValue { get; set; }
    /// <summary>JSON array of <c>{label, value}</c> for CATEGORICAL and BOOLEAN configs, stored as text; null otherwise.</summary>
    public string? Categories { get; set; }
    public string? Description { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
