namespace Sightline.Otel;

/// <summary>Which member of OTLP's <c>AnyValue</c> oneof is set.</summary>
internal enum OtlpValueKind
{
    Empty,
    String,
    Bool,
    Int,
    Double,
    Array,
    KeyValueList,
    Bytes,
}
