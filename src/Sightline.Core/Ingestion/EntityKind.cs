namespace Sightline.Ingestion;

public enum EntityKind
{
    Trace,
    Observation,
    Score,
    /// <summary><c>sdk-log</c>: accepted, logged, never stored and never listed in the response.</summary>
    SdkLog,
}
