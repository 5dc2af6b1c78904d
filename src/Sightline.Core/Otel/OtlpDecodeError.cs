namespace Sightline.Otel;

internal enum OtlpDecodeError
{
    /// <summary>The bytes are not a protobuf message or JSON document of the expected shape.</summary>
    Malformed,

    /// <summary>The export parsed but a span lacks a usable id, or a list field is not a list.</summary>
    InvalidExport,
}
