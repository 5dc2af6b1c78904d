using System.Buffers.Binary;

namespace Sightline.Otel;

/// <summary>
/// Forward-only reader of protobuf's wire format: tags, varints, fixed 32/64-bit values and length-delimited
/// payloads; unknown fields are skipped by wire type. Every read is bounds-checked and fails with
/// <see cref="OtlpDecodeException"/>, so truncated or hostile input never reads past the buffer.
/// </summary>
internal ref struct ProtoWireReader(ReadOnlySpan<byte> data)
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>Reads the next field's number and wire type; false at the end of the message.</summary>
    public bool TryReadTag(out int field, out int wireType)
    {
        field = 0;
        wireType = 0;
        if (AtEnd)
        {
            return false;
        }

        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        if (field <= 0 || tag >> 3 > int.MaxValue)
        {
            throw OtlpDecodeException.Malformed("invalid field number");
        }

        return true;
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw OtlpDecodeException.Malformed("truncated varint");
            }

            var b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw OtlpDecodeException.Malformed("varint longer than 10 bytes");
    }

    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw OtlpDecodeException.Malformed("length-delimited field runs past the end");
        }

        return Take((int)length);
    }

    public string ReadString()
    {
        try
        {
            return StrictUtf8.GetString(ReadBytes());
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw OtlpDecodeException.Malformed("string field is not valid UTF-8");
        }
    }

    /// <summary>Reads a field of the expected wire type, or fails: a type mismatch means the bytes are not OTLP.</summary>
    public static void Expect(int wireType, int expected)
    {
        if (wireType != expected)
        {
            throw OtlpDecodeException.Malformed($"unexpected wire type {wireType}");
        }
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                Take(8);
                break;
            case LengthDelimited:
                ReadBytes();
                break;
            case Fixed32:
                Take(4);
                break;
            default:
                // Groups (3, 4) are long deprecated and never used by OTLP.
                throw OtlpDecodeException.Malformed($"unsupported wire type {wireType}");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position)
        {
            throw OtlpDecodeException.Malformed("message truncated");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
