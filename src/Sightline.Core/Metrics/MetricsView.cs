namespace Sightline.Metrics;

public enum MetricsView
{
    Traces,
    Observations,
    ScoresNumeric,
    ScoresBoolean,
    ScoresCategorical,
}
