namespace Sightline.Tracing;

/// <summary>Field groups of the v2 observation list; <c>core</c> is always returned, the default adds <c>basic</c>.</summary>
[Flags]
internal enum ObservationV2Fields
{
    None = 0,
    Basic = 1,
    Time = 2,
    Io = 4,
    Metadata = 8,
    Model = 16,
    Usage = 32,
    Prompt = 64,
    Metrics = 128,
    TraceContext = 256,
}
