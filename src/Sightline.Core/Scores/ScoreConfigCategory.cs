namespace Sightline.Scores;

/// <summary>One allowed value of a categorical (or boolean) config: the label scores send and the number it maps to.</summary>
public sealed record ScoreConfigCategory(string Label, double Value);
