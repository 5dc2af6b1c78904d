using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Sightline.Ingestion;
using Sightline.Otel;

namespace Sightline.Core.Tests.Otel;

/// <summary>Runs exports through a decoder and the mapper, and checks every event the batch API would accept.</summary>
internal static class OtelMapping
{
    public static readonly DateTimeOffset Now = new(2024, 7, 1, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<IngestionEvent> FromJson(string json) => MapValidated(OtlpJsonReader.Read(Encoding.UTF8.GetBytes(json)));

    public static IReadOnlyList<IngestionEvent> FromProtobuf(byte[] protobuf) => MapValidated(OtlpProtobufReader.Read(protobuf));

    /// <summary>The same spans as a JSON payload, re-encoded as protobuf.</summary>
    public static byte[] ToProtobuf(string json) => OtlpProtoEncoder.Encode(OtlpJsonReader.Read(Encoding.UTF8.GetBytes(json)));

    public static IReadOnlyList<IngestionEvent> MapValidated(OtlpTraceExport export)
    {
        var events = new OtelSpanMapper(new FakeTimeProvider(Now)).Map(export);
        foreach (var e in events)
        {
            AssertValid(e);
        }

        return events;
    }

    /// <summary>Wraps the event as a batch item and runs the batch API's validator on it.</summary>
    public static void AssertValid(IngestionEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", e.Id);
            writer.WriteString("type", e.Type.Name);
            writer.WriteString("timestamp", e.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WritePropertyName("body");
            e.Body.WriteTo(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        var (accepted, _, error) = EventValidator.Validate(document.RootElement);
        Assert.True(error is null, $"{e.Type.Name} {e.Id} rejected: {error}\n{e.Body.GetRawText()}");
        Assert.NotNull(accepted);
        Assert.Equal(e.Type, accepted.Type);
        Assert.Equal(e.Timestamp, accepted.Timestamp);
    }

    public static IngestionEvent Single(IReadOnlyList<IngestionEvent> events, string type, string bodyId) =>
        Assert.Single(events, e => e.Type.Name == type && e.Body.GetProperty("id").GetString() == bodyId);

    public static string? Str(this IngestionEvent e, string name) =>
        e.Body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static JsonElement Get(this IngestionEvent e, string name) => e.Body.GetProperty(name);

    public static bool Has(this IngestionEvent e, string name) => e.Body.TryGetProperty(name, out _);

    public static string Canonical(IngestionEvent e) =>
        $"{e.Id}|{e.Type.Name}|{e.Timestamp:O}|{e.Body.GetRawText()}";
}
