using System.Globalization;

namespace Sightline.Otel;

/// <summary>
/// A span's (or resource's) attributes by key, with the loose typed reads the SDKs need: numbers and booleans
/// often arrive as strings, and empty values count as absent.
/// </summary>
internal sealed class SpanAttributes
{
    public static readonly SpanAttributes None = new([]);

    private readonly Dictionary<string, OtlpValue> _values = new(StringComparer.Ordinal);

    public SpanAttributes(IEnumerable<OtlpAttribute> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Key.Length > 0)
            {
                // Keys must be unique in OTLP; on duplicates the last one wins, as in the JS SDK's reader.
                _values[attribute.Key] = attribute.Value;
            }
        }
    }

    public IEnumerable<KeyValuePair<string, OtlpValue>> All => _values;

    public bool Has(string key) => Get(key) is not null;

    public bool HasAny(params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            if (Has(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value unless missing, empty or an empty string.</summary>
    public OtlpValue? Get(string key) =>
        _values.TryGetValue(key, out var v) && v.Kind != OtlpValueKind.Empty && !(v.Kind == OtlpValueKind.String && v.String!.Length == 0) ? v : null;

    /// <summary>A non-empty string; numbers and booleans as their invariant text.</summary>
    public string? String(string key) => Get(key) switch
    {
        { Kind: OtlpValueKind.String } v => v.String,
        { Kind: OtlpValueKind.Int } v => v.Int.ToString(CultureInfo.InvariantCulture),
        { Kind: OtlpValueKind.Double } v => v.Double.ToString("R", CultureInfo.InvariantCulture),
        { Kind: OtlpValueKind.Bool } v => v.Bool ? "true" : "false",
        _ => null,
    };

    /// <summary>The first of the keys that holds a string.</summary>
    public string? FirstString(params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            if (String(key) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    public double? Number(string key) => Get(key) switch
    {
        { Kind: OtlpValueKind.Int } v => v.Int,
        { Kind: OtlpValueKind.Double } v when double.IsFinite(v.Double) => v.Double,
        { Kind: OtlpValueKind.String } v when double.TryParse(v.String, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
        _ => null,
    };

    public bool? Bool(string key) => Get(key) switch
    {
        { Kind: OtlpValueKind.Bool } v => v.Bool,
        { Kind: OtlpValueKind.String } v when bool.TryParse(v.String, out var b) => b,
        _ => null,
    };

    /// <summary>Attributes under <paramref name="prefix"/>, with the prefix removed, in the order they were sent.</summary>
    public IEnumerable<(string Key, OtlpValue Value)> WithPrefix(string prefix)
    {
        foreach (var (key, value) in _values)
        {
            if (key.Length > prefix.Length && key.StartsWith(prefix, StringComparison.Ordinal) && value.Kind != OtlpValueKind.Empty)
            {
                yield return (key[prefix.Length..], value);
            }
        }
    }
}
