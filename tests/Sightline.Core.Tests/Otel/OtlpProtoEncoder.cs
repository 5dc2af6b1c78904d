using Sightline.Otel;

namespace Sightline.Core.Tests.Otel;

/// <summary>
/// Test-only: writes a decoded export back as an OTLP protobuf <c>ExportTraceServiceRequest</c>, so the same spans
/// can be fed through both decoders. Field numbers as in opentelemetry-proto.
/// </summary>
internal static class OtlpProtoEncoder
{
    public static byte[] Encode(OtlpTraceExport export)
    {
        var w = new ProtoWriter();
        foreach (var resourceSpans in export.ResourceSpans)
        {
            w.Message(1, rs =>
            {
                rs.Message(1, resource => Attributes(resource, 1, resourceSpans.ResourceAttributes));
                foreach (var scopeSpans in resourceSpans.ScopeSpans)
                {
                    rs.Message(2, ss =>
                    {
                        ss.Message(1, scope =>
                        {
                            scope.String(1, scopeSpans.Scope.Name);
                            if (scopeSpans.Scope.Version is { } version)
                            {
                                scope.String(2, version);
                            }

                            Attributes(scope, 3, scopeSpans.Scope.Attributes);
                        });
                        foreach (var span in scopeSpans.Spans)
                        {
                            ss.Message(2, s => Span(s, span));
                        }
                    });
                }
            });
        }

        return w.ToArray();
    }

    private static void Span(ProtoWriter w, OtlpSpan span)
    {
        w.Bytes(1, Convert.FromHexString(span.TraceId));
        w.Bytes(2, Convert.FromHexString(span.SpanId));
        if (span.ParentSpanId is { } parent)
        {
            w.Bytes(4, Convert.FromHexString(parent));
        }

        w.String(5, span.Name);
        w.Varint(6, (ulong)span.Kind);
        w.Fixed64(7, span.StartTimeUnixNano);
        w.Fixed64(8, span.EndTimeUnixNano);
        Attributes(w, 9, span.Attributes);
        foreach (var e in span.Events)
        {
            w.Message(11, ev =>
            {
                ev.Fixed64(1, e.TimeUnixNano);
                ev.String(2, e.Name);
                Attributes(ev, 3, e.Attributes);
            });
        }

        w.Message(15, status =>
        {
            if (span.Status.Message is { } message)
            {
                status.String(2, message);
            }

            status.Varint(3, (ulong)span.Status.Code);
        });
    }

    private static void Attributes(ProtoWriter w, int field, IEnumerable<OtlpAttribute> attributes)
    {
        foreach (var attribute in attributes)
        {
            w.Message(field, kv => KeyValue(kv, attribute));
        }
    }

    private static void KeyValue(ProtoWriter w, OtlpAttribute attribute)
    {
        w.String(1, attribute.Key);
        w.Message(2, v => AnyValue(v, attribute.Value));
    }

    private static void AnyValue(ProtoWriter w, OtlpValue value)
    {
        switch (value.Kind)
        {
            case OtlpValueKind.String:
                w.String(1, value.String!);
                break;
            case OtlpValueKind.Bool:
                w.Varint(2, value.Bool ? 1UL : 0UL);
                break;
            case OtlpValueKind.Int:
                w.Varint(3, unchecked((ulong)value.Int));
                break;
            case OtlpValueKind.Double:
                w.Fixed64(4, BitConverter.DoubleToUInt64Bits(value.Double));
                break;
            case OtlpValueKind.Array:
                w.Message(5, array =>
                {
                    foreach (var item in value.Array!)
                    {
                        array.Message(1, v => AnyValue(v, item));
                    }
                });
                break;
            case OtlpValueKind.KeyValueList:
                w.Message(6, list => Attributes(list, 1, value.KeyValues!));
                break;
            case OtlpValueKind.Bytes:
                w.Bytes(7, value.Bytes!);
                break;
        }
    }
}
