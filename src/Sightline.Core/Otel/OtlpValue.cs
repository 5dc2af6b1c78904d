namespace Sightline.Otel;

/// <summary>An OTLP <c>AnyValue</c>: one primitive, an array of values, a key-value list or bytes.</summary>
internal sealed record OtlpValue(
    OtlpValueKind Kind,
    string? String = null,
    bool Bool = false,
    long Int = 0,
    double Double = 0,
    IReadOnlyList<OtlpValue>? Array = null,
    IReadOnlyList<OtlpAttribute>? KeyValues = null,
    byte[]? Bytes = null)
{
    public static readonly OtlpValue Empty = new(OtlpValueKind.Empty);

    public static OtlpValue Of(string value) => new(OtlpValueKind.String, String: value);

    public static OtlpValue Of(bool value) => new(OtlpValueKind.Bool, Bool: value);

    public static OtlpValue Of(long value) => new(OtlpValueKind.Int, Int: value);

    public static OtlpValue Of(double value) => new(OtlpValueKind.Double, Double: value);

    public static OtlpValue Of(IReadOnlyList<OtlpValue> values) => new(OtlpValueKind.Array, Array: values);

    public static OtlpValue Of(IReadOnlyList<OtlpAttribute> values) => new(OtlpValueKind.KeyValueList, KeyValues: values);

    public static OtlpValue Of(byte[] value) => new(OtlpValueKind.Bytes, Bytes: value);
}
