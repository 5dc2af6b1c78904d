using System.Text;
using Sightline.Otel;

namespace Sightline.Core.Tests.Otel;

public sealed class OtlpDecoderTests
{
    private static readonly byte[] TraceId = Convert.FromHexString("0af7651916cd43dd8448eb211c80319c");
    private static readonly byte[] SpanId = Convert.FromHexString("B7AD6B7169203331");

    private static OtlpTraceExport Json(string json) => OtlpJsonReader.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Protobuf_HandBuiltRequest_DecodesEveryFieldAndSkipsUnknownOnes()
    {
        var bytes = new ProtoWriter()
            .Message(1, rs => rs
                .Message(1, resource => resource
                    .Message(1, kv => kv.String(1, "service.name").Message(2, v => v.String(1, "api")))
                    .Varint(2, 0))
                .Message(2, ss => ss
                    .Message(1, scope => scope.String(1, "my-lib").String(2, "1.0").Message(3, kv => kv.String(1, "k").Message(2, v => v.Varint(2, 1))))
                    .Message(2, span => span
                        .Bytes(1, TraceId)
                        .Bytes(2, SpanId)
                        .String(3, "rojo=00f067aa0ba902b7")
                        .Bytes(4, Convert.FromHexString("00F067AA0BA902B7"))
                        .Fixed32(16, 0x101)
                        .String(5, "work")
                        .Varint(6, 3)
                        .Fixed64(7, 1_718_000_000_123_456_789)
                        .Fixed64(8, 1_718_000_001_000_000_000)
                        .Message(9, kv => kv.String(1, "count").Message(2, v => v.Varint(3, unchecked((ulong)-5L))))
                        .Message(9, kv => kv.String(1, "ratio").Message(2, v => v.Fixed64(4, BitConverter.DoubleToUInt64Bits(0.25))))
                        .Message(9, kv => kv.String(1, "tags").Message(2, v => v.Message(5, arr => arr
                            .Message(1, x => x.String(1, "a"))
                            .Message(1, x => x.Varint(3, 7)))))
                        .Message(9, kv => kv.String(1, "nested").Message(2, v => v.Message(6, list => list
                            .Message(1, inner => inner.String(1, "x").Message(2, x => x.Varint(2, 1))))))
                        .Varint(10, 2)
                        .Message(11, ev => ev.Fixed64(1, 1_718_000_000_500_000_000).String(2, "exception")
                            .Message(3, kv => kv.String(1, "exception.message").Message(2, v => v.String(1, "boom"))))
                        .Message(13, link => link.Bytes(1, TraceId))
                        .Message(15, status => status.String(2, "failed").Varint(3, 2))))
                .String(3, "https://opentelemetry.io/schemas/1.24.0"))
            .ToArray();

        var export = OtlpProtobufReader.Read(bytes);

        var resourceSpans = Assert.Single(export.ResourceSpans);
        Assert.Equal(("service.name", "api"), (resourceSpans.ResourceAttributes[0].Key, resourceSpans.ResourceAttributes[0].Value.String));
        var scopeSpans = Assert.Single(resourceSpans.ScopeSpans);
        Assert.Equal(("my-lib", "1.0"), (scopeSpans.Scope.Name, scopeSpans.Scope.Version));
        Assert.True(scopeSpans.Scope.Attributes[0].Value.Bool);
        var span = Assert.Single(scopeSpans.Spans);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", span.TraceId);
        Assert.Equal("b7ad6b7169203331", span.SpanId);
        Assert.Equal("00f067aa0ba902b7", span.ParentSpanId);
        Assert.Equal(("work", 3), (span.Name, span.Kind));
        Assert.Equal(1_718_000_000_123_456_789UL, span.StartTimeUnixNano);
        Assert.Equal(1_718_000_001_000_000_000UL, span.EndTimeUnixNano);
        Assert.Equal(-5L, span.Attributes[0].Value.Int);
        Assert.Equal(0.25, span.Attributes[1].Value.Double);
        Assert.Equal(["a", null], span.Attributes[2].Value.Array!.Select(v => v.String));
        Assert.Equal(7L, span.Attributes[2].Value.Array![1].Int);
        Assert.Equal("x", span.Attributes[3].Value.KeyValues![0].Key);
        var evt = Assert.Single(span.Events);
        Assert.Equal(("exception", 1_718_000_000_500_000_000UL, "boom"), (evt.Name, evt.TimeUnixNano, evt.Attributes[0].Value.String));
        Assert.Equal(new OtlpStatus(2, "failed"), span.Status);
    }

    [Fact]
    public void Protobuf_EmptyParentSpanId_MeansRoot()
    {
        var bytes = new ProtoWriter().Message(1, rs => rs.Message(2, ss => ss.Message(2, span => span
            .Bytes(1, TraceId).Bytes(2, SpanId).Bytes(4, []).String(5, "root")))).ToArray();

        var span = Assert.Single(OtlpProtobufReader.Read(bytes).AllSpans);

        Assert.Null(span.ParentSpanId);
        Assert.Equal(OtlpStatus.Unset, span.Status);
    }

    [Theory]
    [InlineData(new byte[] { 0x0A, 0x05, 0x12 })]                 // length runs past the end
    [InlineData(new byte[] { 0x0A, 0x02, 0x12, 0x80 })]           // truncated varint inside
    [InlineData(new byte[] { 0x0B })]                             // group wire type
    [InlineData(new byte[] { 0x09, 0x01, 0x02 })]                 // resource_spans as fixed64
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })] // 11-byte varint
    public void Protobuf_MalformedBytes_ThrowMalformed(byte[] bytes)
    {
        var ex = Assert.Throws<OtlpDecodeException>(() => OtlpProtobufReader.Read(bytes));
        Assert.Equal(OtlpDecodeError.Malformed, ex.Error);
    }

    [Fact]
    public void Protobuf_SpanWithoutSpanId_IsAnInvalidExport()
    {
        var bytes = new ProtoWriter().Message(1, rs => rs.Message(2, ss => ss.Message(2, span => span.Bytes(1, TraceId).String(5, "x")))).ToArray();

        var ex = Assert.Throws<OtlpDecodeException>(() => OtlpProtobufReader.Read(bytes));

        Assert.Equal(OtlpDecodeError.InvalidExport, ex.Error);
        Assert.Equal("span without traceId or spanId", ex.Message);
    }

    [Fact]
    public void Protobuf_DeeplyNestedValues_AreRefused()
    {
        Action<ProtoWriter> value = v => v.String(1, "leaf");
        for (var i = 0; i < 40; i++)
        {
            var inner = value;
            value = v => v.Message(5, arr => arr.Message(1, inner));
        }

        var bytes = new ProtoWriter().Message(1, rs => rs.Message(2, ss => ss.Message(2, span => span
            .Bytes(1, TraceId).Bytes(2, SpanId).Message(9, kv => kv.String(1, "deep").Message(2, value))))).ToArray();

        Assert.Equal(OtlpDecodeError.Malformed, Assert.Throws<OtlpDecodeException>(() => OtlpProtobufReader.Read(bytes)).Error);
    }

    [Fact]
    public void Json_ReadsTimesAsStringsNumbersAndLongs_AndIntValuesInEveryForm()
    {
        var export = Json("""
            {"resourceSpans":[{"scopeSpans":[{"spans":[
              {"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331","name":"a",
               "startTimeUnixNano":"1718000000123456789","endTimeUnixNano":1718000001000000000,
               "attributes":[
                 {"key":"n1","value":{"intValue":5}},{"key":"n2","value":{"intValue":"6"}},{"key":"n3","value":{"intValue":{"low":7,"high":0}}},
                 {"key":"d","value":{"doubleValue":1.5}},{"key":"b","value":{"boolValue":true}},{"key":"s","value":{"stringValue":"x"}},
                 {"key":"arr","value":{"arrayValue":{"values":[{"stringValue":"p"},{"intValue":1}]}}},
                 {"key":"kv","value":{"kvlistValue":{"values":[{"key":"inner","value":{"stringValue":"v"}}]}}},
                 {"key":"bytes","value":{"bytesValue":"AQI="}},{"key":"empty","value":{}}],
               "status":{"code":2,"message":"bad"}},
              {"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203332","parentSpanId":"","name":"b",
               "startTimeUnixNano":{"low":129616384,"high":400003046}}]}]}]}
            """);

        var spans = export.AllSpans.ToList();
        Assert.Equal(1_718_000_000_123_456_789UL, spans[0].StartTimeUnixNano);
        Assert.Equal(1_718_000_001_000_000_000UL, spans[0].EndTimeUnixNano);
        var a = spans[0].Attributes.ToDictionary(x => x.Key, x => x.Value);
        Assert.Equal([5L, 6L, 7L], new[] { a["n1"].Int, a["n2"].Int, a["n3"].Int });
        Assert.Equal(1.5, a["d"].Double);
        Assert.True(a["b"].Bool);
        Assert.Equal("x", a["s"].String);
        Assert.Equal(OtlpValueKind.Array, a["arr"].Kind);
        Assert.Equal("v", a["kv"].KeyValues![0].Value.String);
        Assert.Equal(new byte[] { 1, 2 }, a["bytes"].Bytes);
        Assert.Equal(OtlpValueKind.Empty, a["empty"].Kind);
        Assert.Equal(new OtlpStatus(2, "bad"), spans[0].Status);
        Assert.Null(spans[1].ParentSpanId);
        Assert.Equal(1_718_000_001_000_000_000UL, spans[1].StartTimeUnixNano);
        Assert.Equal(0UL, spans[1].EndTimeUnixNano);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"ab","spanId":"cd","attributes":[{"key":"i","value":{"intValue":"x"}}]}]}]}]}""")]
    public void Json_Unparseable_ThrowsMalformed(string json) =>
        Assert.Equal(OtlpDecodeError.Malformed, Assert.Throws<OtlpDecodeException>(() => Json(json)).Error);

    [Theory]
    [InlineData("""{"resourceSpans":{}}""", "resourceSpans is not an array")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":{}}]}""", "scopeSpans is not an array")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":"x"}]}]}""", "spans is not an array")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"ab","spanId":"cd","attributes":{}}]}]}]}""", "attributes is not an array")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"ab","spanId":"cd","events":1}]}]}]}""", "events is not an array")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"spanId":"cd"}]}]}]}""", "span without traceId or spanId")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"ab","spanId":""}]}]}]}""", "span without traceId or spanId")]
    public void Json_InvalidExport_ThrowsInvalidWithReason(string json, string reason)
    {
        var ex = Assert.Throws<OtlpDecodeException>(() => Json(json));

        Assert.Equal(OtlpDecodeError.InvalidExport, ex.Error);
        Assert.Equal(reason, ex.Message);
    }

    [Fact]
    public void Json_EmptyObject_IsAnEmptyExport() => Assert.Empty(Json("{}").ResourceSpans);

    [Fact]
    public void ProtobufAndJson_OfTheSameSpans_DecodeAlike()
    {
        foreach (var payload in OtlpPayloads.All)
        {
            var fromJson = Json(payload);
            var fromProtobuf = OtlpProtobufReader.Read(OtlpProtoEncoder.Encode(fromJson));

            var jsonSpans = fromJson.AllSpans.ToList();
            var protoSpans = fromProtobuf.AllSpans.ToList();
            Assert.Equal(jsonSpans.Count, protoSpans.Count);
            for (var i = 0; i < jsonSpans.Count; i++)
            {
                Assert.Equal(
                    (jsonSpans[i].TraceId, jsonSpans[i].SpanId, jsonSpans[i].ParentSpanId, jsonSpans[i].Name, jsonSpans[i].StartTimeUnixNano, jsonSpans[i].EndTimeUnixNano, jsonSpans[i].Status),
                    (protoSpans[i].TraceId, protoSpans[i].SpanId, protoSpans[i].ParentSpanId, protoSpans[i].Name, protoSpans[i].StartTimeUnixNano, protoSpans[i].EndTimeUnixNano, protoSpans[i].Status));
                Assert.Equal(jsonSpans[i].Attributes.Select(x => x.Key), protoSpans[i].Attributes.Select(x => x.Key));
            }
        }
    }
}
