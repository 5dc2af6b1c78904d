using System.Text.Json;
using Sightline.Ingestion;

namespace Sightline.Core.Tests.Ingestion;

public sealed class UsageAndValidationTests
{
    private static (Dictionary<string, long> Usage, Dictionary<string, decimal> Cost) Parse(string body)
    {
        var usage = new Dictionary<string, long>();
        var cost = new Dictionary<string, decimal>();
        UsageParser.ApplyUsage(usage, cost, JsonDocument.Parse(body).RootElement);
        return (usage, cost);
    }

    [Fact]
    public void OpenAiChatUsage_SplitsCachedAndReasoningTokensOut()
    {
        var (usage, _) = Parse("""
            {"usageDetails":{"prompt_tokens":100,"completion_tokens":50,"total_tokens":150,
             "prompt_tokens_details":{"cached_tokens":30,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":20}}}
            """);

        Assert.Equal(70, usage["input"]);
        Assert.Equal(30, usage["input_cached_tokens"]);
        Assert.Equal(30, usage["output"]);
        Assert.Equal(20, usage["output_reasoning_tokens"]);
        Assert.Equal(150, usage["total"]);
        Assert.False(usage.ContainsKey("input_audio_tokens"));
    }

    [Fact]
    public void OpenAiResponsesUsage_IsConvertedLikeChatUsage()
    {
        var (usage, _) = Parse("""{"usageDetails":{"input_tokens":10,"output_tokens":4,"total_tokens":14,"input_tokens_details":{"cached_tokens":2}}}""");

        Assert.Equal((8L, 2L, 4L, 14L), (usage["input"], usage["input_cached_tokens"], usage["output"], usage["total"]));
    }

    [Fact]
    public void LegacyUsage_AndCostDetails_AreMapped_JunkDropped()
    {
        var (usage, cost) = Parse("""{"usage":{"promptTokens":3,"completionTokens":4,"totalCost":0.5},"usageDetails":{"cache_read":"7","bogus":"x"},"costDetails":{"input":0.1,"neg":-1}}""");

        Assert.Equal(3, usage["input"]);
        Assert.Equal(4, usage["output"]);
        Assert.Equal(7, usage["cache_read"]);
        Assert.False(usage.ContainsKey("bogus"));
        Assert.Equal(0.5m, cost["total"]);
        Assert.Equal(0.1m, cost["input"]);
        Assert.False(cost.ContainsKey("neg"));
    }

    [Theory]
    [InlineData("prod", "prod")]
    [InlineData("Langfuse-langfuse_Prod", "prod")]
    [InlineData("has space", "default")]
    [InlineData(null, "default")]
    [InlineData("langfuse", "default")]
    public void Environment_IsNormalizedLikeLangfuse(string? given, string expected) =>
        Assert.Equal(expected, Normalize.Environment(given));

    [Theory]
    [InlineData("""{"id":"e","type":"trace-create","timestamp":"2024-01-01T00:00:00.000Z","body":{"id":"t","name":5}}""", "body.name:")]
    [InlineData("""{"id":"e","type":"trace-create","timestamp":"2024-01-01T00:00:00","body":{}}""", "timestamp:")]
    [InlineData("""{"id":"e","type":"trace-create","timestamp":"2024-01-01","body":{}}""", "timestamp:")]
    [InlineData("""{"id":"e","type":"nope","timestamp":"2024-01-01T00:00:00Z","body":{}}""", "type:")]
    [InlineData("""{"type":"trace-create","timestamp":"2024-01-01T00:00:00Z","body":{}}""", "id:")]
    [InlineData("""{"id":"e","type":"span-create","timestamp":"2024-01-01T00:00:00Z","body":{"traceId":"t"}}""", "body.id:")]
    [InlineData("""{"id":"e","type":"generation-create","timestamp":"2024-01-01T00:00:00Z","body":{"id":"o","promptName":"p"}}""", "body.promptName:")]
    [InlineData("""{"id":"e","type":"span-create","timestamp":"2024-01-01T00:00:00Z","body":{"id":"o","level":"LOUD"}}""", "body.level:")]
    [InlineData("""{"id":"e","type":"score-create","timestamp":"2024-01-01T00:00:00Z","body":{"name":"s","value":1}}""", "body.traceId:")]
    [InlineData("""{"id":"e","type":"score-create","timestamp":"2024-01-01T00:00:00Z","body":{"name":"s","value":2,"dataType":"BOOLEAN","traceId":"t"}}""", "body.value:")]
    [InlineData("""{"id":"e","type":"score-create","timestamp":"2024-01-01T00:00:00Z","body":{"name":"s","value":1e400,"traceId":"t"}}""", "body.value: out of range")]
    [InlineData("""{"id":"e","type":"score-create","timestamp":"2024-01-01T00:00:00Z","body":{"name":"s","value":"fixed","dataType":"CORRECTION","sessionId":"x"}}""", "body.traceId: CORRECTION")]
    [InlineData("""{"id":"e","type":"score-create","timestamp":"2024-01-01T00:00:00Z","body":{"name":"s","value":1,"dataType":"CORRECTION","traceId":"t"}}""", "body.value: CORRECTION")]
    // Deletions are the server's own events: a client cannot send one.
    [InlineData("""{"id":"e","type":"score-delete","timestamp":"2024-01-01T00:00:00Z","body":{"id":"s"}}""", "type: 'score-delete' is not an event type")]
    [InlineData("""{"id":"e","type":"trace-create","timestamp":"2024-01-01T00:00:00Z","body":{"tags":"a"}}""", "body.tags:")]
    [InlineData("""{"id":"e","type":"generation-create","timestamp":"2024-01-01T00:00:00Z","body":{"id":"o","usageDetails":{"input":99999999999999999999}}}""", "body.usageDetails.input:")]
    [InlineData("""{"id":"e","type":"generation-create","timestamp":"2024-01-01T00:00:00Z","body":{"id":"o","usageDetails":{"prompt_tokens":1,"prompt_tokens_details":{"cached_tokens":1e18}}}}""", "body.usageDetails.prompt_tokens_details.cached_tokens:")]
    [InlineData("""{"id":"e","type":"generation-create","timestamp":"2024-01-01T00:00:00Z","body":{"id":"o","costDetails":{"input":1e15}}}""", "body.costDetails.input:")]
    [InlineData("""{"id":"e","type":"generation-create","timestamp":"2024-01-01T00:00:00Z","body":{"id":"o","usage":{"input":5,"inputCost":250000}}}""", "body.usage.inputCost:")]
    public void Validate_BadEvent_NamesTheField(string json, string fieldPrefix)
    {
        var (evt, _, error) = EventValidator.Validate(JsonDocument.Parse(json).RootElement);

        Assert.Null(evt);
        Assert.StartsWith(fieldPrefix, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"e","type":"trace-create","timestamp":"2024-01-01T00:00:00.123456+02:00","body":{"id":"t","tags":["a"],"public":true,"metadata":"x"}}""")]
    [InlineData("""{"id":"e","type":"agent-create","timestamp":"2024-01-01T00:00:00Z","body":{"id":"o","traceId":"t","modelParameters":{"temperature":0.2}}}""")]
    [InlineData("""{"id":"e","type":"score-create","timestamp":"2024-01-01T00:00:00Z","body":{"name":"s","value":"good","sessionId":"sess"}}""")]
    [InlineData("""{"id":"e","type":"sdk-log","timestamp":"2024-01-01T00:00:00Z","body":{"log":{"any":"thing"}}}""")]
    [InlineData("""{"id":"e","type":"generation-create","timestamp":"2024-01-01T00:00:00Z","body":{"id":"o","usageDetails":{"input":1000000000000000},"costDetails":{"input":99999.99}}}""")]
    public void Validate_GoodEvent_IsAccepted(string json)
    {
        var (evt, _, error) = EventValidator.Validate(JsonDocument.Parse(json).RootElement);

        Assert.Null(error);
        Assert.NotNull(evt);
    }

    [Fact]
    public void EventTypeNames_ListOnlyWhatClientsMaySend_WhileTheLogReadsDeletions()
    {
        Assert.DoesNotContain("score-delete", EventType.Names);
        Assert.Contains("score-create", EventType.Names);
        Assert.True(EventType.Find("score-delete")!.IsDeletion);
    }

    [Fact]
    public void IngestionRecord_RoundTripsThroughItsEncoding()
    {
        var (evt, _, _) = EventValidator.Validate(JsonDocument.Parse("""{"id":"e1","type":"span-create","timestamp":"2024-01-01T00:00:00.5Z","body":{"id":"o","input":[1,"two"]}}""").RootElement);
        var record = new IngestionRecord("p", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), [evt!]);

        var decoded = IngestionRecord.Decode(record.Encode())!;

        var e = Assert.Single(decoded.Events);
        Assert.Equal(("p", "e1", "span-create"), (decoded.ProjectId, e.Id, e.Type.Name));
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, 500, DateTimeKind.Utc), e.Timestamp);
        Assert.Equal(DateTimeKind.Utc, e.Timestamp.Kind);
        Assert.Equal("""[1,"two"]""", e.Body.GetProperty("input").GetRawText());
    }

    [Fact]
    public void DecodedRecords_ReadBodiesInPlace_LikeDecode_UntilDisposed()
    {
        var (evt, _, _) = EventValidator.Validate(JsonDocument.Parse("""{"id":"e1","type":"generation-create","timestamp":"2024-01-01T00:00:01Z","body":{"id":"o","metadata":{"k":"v"}}}""").RootElement);
        var bytes = new IngestionRecord("p", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), [evt!]).Encode();
        var copied = IngestionRecord.Decode(bytes)!;
        var decoded = new DecodedRecords();

        Assert.True(decoded.TryAdd(bytes));
        Assert.False(decoded.TryAdd("""{"projectId":"p"}"""u8.ToArray()));
        Assert.False(decoded.TryAdd("not json"u8.ToArray()));
        var record = Assert.Single(decoded.Records);
        var e = Assert.Single(record.Events);
        Assert.Equal((copied.ProjectId, copied.ReceivedAt, copied.Events[0].Id, copied.Events[0].Type, copied.Events[0].Timestamp), (record.ProjectId, record.ReceivedAt, e.Id, e.Type, e.Timestamp));
        Assert.Equal(copied.Events[0].Body.GetRawText(), e.Body.GetRawText());

        decoded.Dispose();

        Assert.Empty(decoded.Records);
        Assert.Throws<ObjectDisposedException>(() => e.Body.GetRawText());
        Assert.Equal("""{"k":"v"}""", copied.Events[0].Body.GetProperty("metadata").GetRawText());
    }
}
