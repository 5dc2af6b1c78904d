using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Sightline.Ingestion;

namespace Sightline.Storage.Local.Tests;

public sealed class LocalDeadLetterStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task SaveAsync_DecodableAndRawPayloads_AppendsOneJsonLinePerLetterInADailyFile()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 4, 2, 10, 30, 0, TimeSpan.Zero));
        var folder = Path.Combine(_directory.Path, "dead-letter");
        var store = new LocalDeadLetterStore(folder, time);

        await store.SaveAsync(new DeadLetter("p1", "InvalidCastException: bad value", Encoding.UTF8.GetBytes("""{"projectId":"p1","events":[{"id":"e1"}]}""")), CancellationToken.None);
        await store.SaveAsync(new DeadLetter(null, "does not decode", new byte[] { 0xFF, 0x00, 0x01 }), CancellationToken.None);

        var lines = await File.ReadAllLinesAsync(Path.Combine(folder, "2026-04-02.jsonl"));
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("2026-04-02T10:30:00.0000000Z", first.RootElement.GetProperty("at").GetString());
        Assert.Equal("p1", first.RootElement.GetProperty("projectId").GetString());
        Assert.Equal("InvalidCastException: bad value", first.RootElement.GetProperty("reason").GetString());
        Assert.Equal("e1", first.RootElement.GetProperty("record").GetProperty("events")[0].GetProperty("id").GetString());
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(JsonValueKind.Null, second.RootElement.GetProperty("projectId").ValueKind);
        Assert.Equal(new byte[] { 0xFF, 0x00, 0x01 }, second.RootElement.GetProperty("raw").GetBytesFromBase64());
    }
}
