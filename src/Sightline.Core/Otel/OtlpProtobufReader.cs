namespace Sightline.Otel;

/// <summary>
/// Decodes an OTLP <c>ExportTraceServiceRequest</c> in protobuf (what the Python SDK sends) into
/// <see cref="OtlpTraceExport"/>. Field numbers follow opentelemetry-proto's trace, common and resource protos.
/// </summary>
internal static class OtlpProtobufReader
{
    // AnyValue nests through arrays and key-value lists; a bound keeps hostile input from exhausting the stack.
    private const int MaxValueDepth = 32;

    public static OtlpTraceExport Read(ReadOnlySpan<byte> data)
    {
        var resourceSpans = new List<OtlpResourceSpans>();
        var reader = new ProtoWireReader(data);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == 1)
            {
                ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                resourceSpans.Add(ReadResourceSpans(reader.ReadBytes()));
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return new OtlpTraceExport(resourceSpans);
    }

    private static OtlpResourceSpans ReadResourceSpans(ReadOnlySpan<byte> data)
    {
        IReadOnlyList<OtlpAttribute> resource = [];
        var scopes = new List<OtlpScopeSpans>();
        var reader = new ProtoWireReader(data);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    resource = ReadResource(reader.ReadBytes());
                    break;
                case 2:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    scopes.Add(ReadScopeSpans(reader.ReadBytes()));
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new OtlpResourceSpans(resource, scopes);
    }

    private static List<OtlpAttribute> ReadResource(ReadOnlySpan<byte> data)
    {
        var attributes = new List<OtlpAttribute>();
        var reader = new ProtoWireReader(data);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == 1)
            {
                ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                attributes.Add(ReadKeyValue(reader.ReadBytes(), 0));
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return attributes;
    }

    private static OtlpScopeSpans ReadScopeSpans(ReadOnlySpan<byte> data)
    {
        var scope = OtlpScope.Unknown;
        var spans = new List<OtlpSpan>();
        var reader = new ProtoWireReader(data);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    scope = ReadScope(reader.ReadBytes());
                    break;
                case 2:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    spans.Add(ReadSpan(reader.ReadBytes()));
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new OtlpScopeSpans(scope, spans);
    }

    private static OtlpScope ReadScope(ReadOnlySpan<byte> data)
    {
        var name = "";
        string? version = null;
        var attributes = new List<OtlpAttribute>();
        var reader = new ProtoWireReader(data);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    name = reader.ReadString();
                    break;
                case 2:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    version = reader.ReadString();
                    break;
                case 3:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    attributes.Add(ReadKeyValue(reader.ReadBytes(), 0));
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new OtlpScope(name, string.IsNullOrEmpty(version) ? null : version, attributes);
    }

    private static OtlpSpan ReadSpan(ReadOnlySpan<byte> data)
    {
        string traceId = "", spanId = "", name = "";
        string? parentSpanId = null;
        var kind = 0;
        ulong start = 0, end = 0;
        var attributes = new List<OtlpAttribute>();
        var events = new List<OtlpSpanEvent>();
        var status = OtlpStatus.Unset;
        var reader = new ProtoWireReader(data);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    traceId = Convert.ToHexStringLower(reader.ReadBytes());
                    break;
                case 2:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    spanId = Convert.ToHexStringLower(reader.ReadBytes());
                    break;
                case 4:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    var parent = reader.ReadBytes();
                    parentSpanId = parent.IsEmpty ? null : Convert.ToHexStringLower(parent);
                    break;
                case 5:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    name = reader.ReadString();
                    break;
                case 6:
                    ProtoWireReader.Expect(wire, ProtoWireReader.Varint);
                    kind = (int)reader.ReadVarint();
                    break;
                case 7:
                    ProtoWireReader.Expect(wire, ProtoWireReader.Fixed64);
                    start = reader.ReadFixed64();
                    break;
                case 8:
                    ProtoWireReader.Expect(wire, ProtoWireReader.Fixed64);
                    end = reader.ReadFixed64();
                    break;
                case 9:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    attributes.Add(ReadKeyValue(reader.ReadBytes(), 0));
                    break;
                case 11:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    events.Add(ReadEvent(reader.ReadBytes()));
                    break;
                case 15:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    status = ReadStatus(reader.ReadBytes());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        if (traceId.Length == 0 || spanId.Length == 0)
        {
            throw OtlpDecodeException.Invalid("span without traceId or spanId");
        }

        return new OtlpSpan(traceId, spanId, parentSpanId, name, kind, start, end, attributes, events, status);
    }

    private static OtlpSpanEvent ReadEvent(ReadOnlySpan<byte> data)
    {
        ulong time = 0;
        var name = "";
        var attributes = new List<OtlpAttribute>();
        var reader = new ProtoWireReader(data);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1:
                    ProtoWireReader.Expect(wire, ProtoWireReader.Fixed64);
                    time = reader.ReadFixed64();
                    break;
                case 2:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    name = reader.ReadString();
                    break;
                case 3:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    attributes.Add(ReadKeyValue(reader.ReadBytes(), 0));
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new OtlpSpanEvent(time, name, attributes);
    }

    private static OtlpStatus ReadStatus(ReadOnlySpan<byte> data)
    {
        string? message = null;
        var code = 0;
        var reader = new ProtoWireReader(data);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 2:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    message = reader.ReadString();
                    break;
                case 3:
                    ProtoWireReader.Expect(wire, ProtoWireReader.Varint);
                    code = (int)reader.ReadVarint();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new OtlpStatus(code, string.IsNullOrEmpty(message) ? null : message);
    }

    private static OtlpAttribute ReadKeyValue(ReadOnlySpan<byte> data, int depth)
    {
        var key = "";
        var value = OtlpValue.Empty;
        var reader = new ProtoWireReader(data);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    key = reader.ReadString();
                    break;
                case 2:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    value = ReadAnyValue(reader.ReadBytes(), depth + 1);
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new OtlpAttribute(key, value);
    }

    private static OtlpValue ReadAnyValue(ReadOnlySpan<byte> data, int depth)
    {
        if (depth > MaxValueDepth)
        {
            throw OtlpDecodeException.Malformed("attribute values nested too deeply");
        }

        // A oneof: the last member on the wire wins, as protobuf parsers do.
        var value = OtlpValue.Empty;
        var reader = new ProtoWireReader(data);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    value = OtlpValue.Of(reader.ReadString());
                    break;
                case 2:
                    ProtoWireReader.Expect(wire, ProtoWireReader.Varint);
                    value = OtlpValue.Of(reader.ReadVarint() != 0);
                    break;
                case 3:
                    ProtoWireReader.Expect(wire, ProtoWireReader.Varint);
                    value = OtlpValue.Of(unchecked((long)reader.ReadVarint()));
                    break;
                case 4:
                    ProtoWireReader.Expect(wire, ProtoWireReader.Fixed64);
                    value = OtlpValue.Of(BitConverter.UInt64BitsToDouble(reader.ReadFixed64()));
                    break;
                case 5:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    value = OtlpValue.Of(ReadArray(reader.ReadBytes(), depth));
                    break;
                case 6:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    value = OtlpValue.Of(ReadKeyValueList(reader.ReadBytes(), depth));
                    break;
                case 7:
                    ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                    value = OtlpValue.Of(reader.ReadBytes().ToArray());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return value;
    }

    private static List<OtlpValue> ReadArray(ReadOnlySpan<byte> data, int depth)
    {
        var values = new List<OtlpValue>();
        var reader = new ProtoWireReader(data);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == 1)
            {
                ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                values.Add(ReadAnyValue(reader.ReadBytes(), depth + 1));
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return values;
    }

    private static List<OtlpAttribute> ReadKeyValueList(ReadOnlySpan<byte> data, int depth)
    {
        var values = new List<OtlpAttribute>();
        var reader = new ProtoWireReader(data);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == 1)
            {
                ProtoWireReader.Expect(wire, ProtoWireReader.LengthDelimited);
                values.Add(ReadKeyValue(reader.ReadBytes(), depth + 1));
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return values;
    }
}
