namespace Sightline.Otel;

/// <summary>An OTLP trace export could not be decoded; the message is short and safe to return to the client.</summary>
internal sealed class OtlpDecodeException(OtlpDecodeError error, string message) : Exception(message)
{
    public OtlpDecodeError Error { get; } = error;

    public static OtlpDecodeException Malformed(string message) => new(OtlpDecodeError.Malformed, message);

    public static OtlpDecodeException Invalid(string message) => new(OtlpDecodeError.InvalidExport, message);
}
