using System.Text.Json;
using Sightline.Ingestion;
using Sightline.Tracing;

namespace Sightline.Core.Tests.Ingestion;

public sealed class EventMergerTests
{
    private static readonly DateTime Now = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private static IngestionEvent Event(string type, string timestamp, string body, string? id = null) =>
        new(id ?? Guid.NewGuid().ToString(), EventType.Find(type)!, DateTime.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), JsonDocument.Parse(body).RootElement.Clone());

    [Fact]
    public void MergeTrace_LaterNonNullFieldsWin_AbsentNeverErases_TagsUnion_MetadataByKey()
    {
        var events = EventMerger.InOrder(
        [
            Event("trace-create", "2026-01-01T00:00:02Z", """{"id":"t1","name":"second","tags":["b"],"metadata":{"k2":2}}"""),
            Event("trace-create", "2026-01-01T00:00:01Z", """{"id":"t1","name":"first","userId":"u1","tags":["a","b"],"metadata":{"k1":"v1","k2":"old"},"input":{"q":1},"environment":"Langfuse-Prod"}"""),
            Event("trace-create", "2026-01-01T00:00:03Z", """{"id":"t1","userId":null,"input":"","output":"done"}"""),
        ]).ToList();

        var trace = EventMerger.MergeTrace("p1", "t1", null, events, Now);

        Assert.Equal("second", trace.Name);
        Assert.Equal("u1", trace.UserId);
        Assert.Equal(["a", "b"], trace.Tags);
        Assert.Equal("v1", trace.Metadata["k1"]);
        Assert.Equal("2", trace.Metadata["k2"]);
        Assert.Equal("""{"q":1}""", trace.Input);
        Assert.Equal("\"done\"", trace.Output);
        Assert.Equal("prod", trace.Environment);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 1, DateTimeKind.Utc), trace.Timestamp);
    }

    [Fact]
    public void MergeTrace_OntoStoredRow_KeepsImmutableFieldsAndIsIdempotent()
    {
        var stored = EventMerger.MergeTrace("p1", "t1", null, [Event("trace-create", "2026-01-01T00:00:00Z", """{"id":"t1","timestamp":"2025-12-31T23:00:00Z","environment":"staging","tags":["x"]}""")], Now);
        var update = new List<IngestionEvent> { Event("trace-create", "2026-01-01T00:01:00Z", """{"id":"t1","timestamp":"2026-06-01T00:00:00Z","environment":"prod","tags":["y"],"name":"n"}""") };

        var once = EventMerger.MergeTrace("p1", "t1", stored, update, Now);
        var twice = EventMerger.MergeTrace("p1", "t1", once, update, Now);

        Assert.Equal(new DateTime(2025, 12, 31, 23, 0, 0, DateTimeKind.Utc), once.Timestamp);
        Assert.Equal("staging", once.Environment);
        Assert.Equal(["x", "y"], once.Tags);
        Assert.Equal(once with { Metadata = twice.Metadata, Tags = twice.Tags }, twice);
        Assert.Equal(once.Tags, twice.Tags);
    }

    [Fact]
    public void MergeObservation_UpdateBeforeCreate_GivesTheSameRowAsCreateThenUpdate()
    {
        var create = Event("generation-create", "2026-01-01T00:00:00Z", """{"id":"o1","traceId":"t1","name":"llm","startTime":"2026-01-01T00:00:00Z","model":"gpt-4o","usage":{"input":10,"output":5}}""", "e1");
        var update = Event("generation-update", "2026-01-01T00:00:02Z", """{"id":"o1","endTime":"2026-01-01T00:00:02Z","output":{"text":"hi"},"level":"WARNING"}""", "e2");

        var inOrder = EventMerger.MergeObservation("p1", "o1", null, [.. EventMerger.InOrder([create, update])], Now);
        var reversed = EventMerger.MergeObservation("p1", "o1", null, [.. EventMerger.InOrder([update, create])], Now);

        Assert.Equal("GENERATION", inOrder.Type);
        Assert.Equal("t1", inOrder.TraceId);
        Assert.Equal("gpt-4o", inOrder.ProvidedModelName);
        Assert.Equal("WARNING", inOrder.Level);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 2, DateTimeKind.Utc), inOrder.EndTime);
        Assert.Equal(15, inOrder.UsageDetails["total"]);
        Assert.Equal(Describe(inOrder), Describe(reversed));
    }

    [Fact]
    public void MergeObservation_UpdateStampedBeforeItsCreate_KeepsTheCreatesStartTimeAndEnvironment()
    {
        // What the JS v3 SDK sends for a generation ended right after it was started: the update's envelope time is
        // earlier than the create's, and only the create carries startTime and environment.
        var update = Event("generation-update", "2026-01-01T00:00:00.583Z", """{"id":"o1","endTime":"2026-01-01T00:00:00.573Z","usage":{"input":3,"output":2}}""");
        var create = Event("generation-create", "2026-01-01T00:00:00.584Z", """{"id":"o1","traceId":"t1","name":"llm","startTime":"2026-01-01T00:00:00.572Z","environment":"sdk-v3","model":"gpt-4o-mini"}""");

        var o = EventMerger.MergeObservation("p1", "o1", null, [.. EventMerger.InOrder([create, update])], Now);

        Assert.Equal("sdk-v3", o.Environment);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, 572, DateTimeKind.Utc), o.StartTime);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, 573, DateTimeKind.Utc), o.EndTime);
        Assert.Equal("t1", o.TraceId);
    }

    [Fact]
    public void MergeTrace_FirstEventWithoutTimestampOrEnvironment_TakesThemFromTheEventThatHasThem()
    {
        var bare = Event("trace-create", "2026-01-01T00:00:01Z", """{"id":"t1","output":"done"}""");
        var full = Event("trace-create", "2026-01-01T00:00:02Z", """{"id":"t1","timestamp":"2026-01-01T00:00:00.500Z","environment":"staging","name":"n"}""");

        var trace = EventMerger.MergeTrace("p1", "t1", null, [.. EventMerger.InOrder([full, bare])], Now);

        Assert.Equal("staging", trace.Environment);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, 500, DateTimeKind.Utc), trace.Timestamp);
    }

    [Fact]
    public void MergeObservation_FieldsFoldAcrossEvents_LatestSentValueWins_EmptyStringsAndNullsNeverErase()
    {
        var create = Event("span-create", "2026-01-01T00:00:00Z", """
            {"id":"o1","traceId":"t1","name":"a","input":"q","output":{"x":1},"level":"DEBUG","version":"v1","statusMessage":"s1",
             "promptName":"p","promptVersion":2,"modelParameters":{"t":0.1},"completionStartTime":"2026-01-01T00:00:00.250Z","metadata":{"k":"1"}}
            """, "e1");
        var blank = Event("span-update", "2026-01-01T00:00:01Z", """
            {"id":"o1","name":null,"input":"","output":"","level":"ERROR","promptName":"p2","modelParameters":"not an object","metadata":{"k2":"2"}}
            """, "e2");
        // An escaped string is not empty although its raw text is not what it reads as; the raw JSON is what is kept.
        var escaped = Event("span-update", "2026-01-01T00:00:02Z", """{"id":"o1","input":"\u0041","endTime":"2026-01-01T00:00:03Z"}""", "e3");

        var all = EventMerger.MergeObservation("p1", "o1", null, [create, blank, escaped], Now);
        var stored = EventMerger.MergeObservation("p1", "o1", null, [create], Now);
        var onStored = EventMerger.MergeObservation("p1", "o1", stored, [blank, escaped], Now);

        Assert.Equal(("a", "t1", "ERROR", "v1", "s1"), (all.Name, all.TraceId, all.Level, all.Version, all.StatusMessage));
        Assert.Equal(("\"\\u0041\"", """{"x":1}"""), (all.Input, all.Output));
        // A prompt name without a version keeps the version sent before.
        Assert.Equal(("p2", (int?)2), (all.PromptName, all.PromptVersion));
        Assert.Equal("""{"t":0.1}""", all.ModelParameters);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, 250, DateTimeKind.Utc), all.CompletionStartTime);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 3, DateTimeKind.Utc), all.EndTime);
        Assert.Equal(new Dictionary<string, string> { ["k"] = "1", ["k2"] = "2" }, all.Metadata);
        Assert.Equal(Describe(all), Describe(onStored));
    }

    [Fact]
    public void MergeObservation_EndBeforeStart_IsClampedToStart()
    {
        var o = EventMerger.MergeObservation("p1", "o1", null,
            [Event("span-create", "2026-01-01T00:00:00Z", """{"id":"o1","traceId":"t","startTime":"2026-01-01T00:00:05Z","endTime":"2026-01-01T00:00:01Z"}""")], Now);

        Assert.Equal(o.StartTime, o.EndTime);
    }

    [Fact]
    public void MergeObservation_LegacyObservationEvent_TakesTypeFromBody()
    {
        var o = EventMerger.MergeObservation("p1", "o1", null,
            [Event("observation-create", "2026-01-01T00:00:00Z", """{"id":"o1","traceId":"t","type":"EVENT"}""")], Now);

        Assert.Equal("EVENT", o.Type);
    }

    [Fact]
    public void MergeScore_BooleanAndCategorical_SetStringValue()
    {
        var boolean = EventMerger.MergeScore("p1", "s1", null,
            [Event("score-create", "2026-01-01T00:00:00Z", """{"name":"ok","value":1,"dataType":"BOOLEAN","traceId":"t"}""")], Now);
        var categorical = EventMerger.MergeScore("p1", "s2", null,
            [Event("score-create", "2026-01-01T00:00:00Z", """{"name":"tone","value":"polite","traceId":"t"}""")], Now);

        Assert.Equal(("BOOLEAN", 1.0, "True"), (boolean.DataType, boolean.Value!.Value, boolean.StringValue));
        // Without a config a category maps to 0, as in Langfuse.
        Assert.Equal(("CATEGORICAL", (double?)0, "polite"), (categorical.DataType, categorical.Value, categorical.StringValue));
    }

    [Fact]
    public void DerivedId_IsStablePerProjectAndSeed()
    {
        Assert.Equal(EventMerger.DerivedId("p", "x"), EventMerger.DerivedId("p", "x"));
        Assert.NotEqual(EventMerger.DerivedId("p", "x"), EventMerger.DerivedId("q", "x"));
    }

    private static string Describe(ObservationRecord o) => JsonSerializer.Serialize(o with { CreatedAt = default, UpdatedAt = default }, TestJson.Options);
}
