using Microsoft.Extensions.Time.Testing;
using Sightline.Ingestion;

namespace Sightline.Core.Tests.Ingestion;

public sealed class IngestionWorkerStatusTests
{
    private static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MaxLag = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Problem_IdleWorker_IsHealthy()
    {
        var status = new IngestionWorkerStatus(_time);
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Null(status.Problem(StallAfter, MaxLag));
    }

    [Fact]
    public void Problem_BatchHeldPastTheStallBound_ReportsTheStallAndFailedAttempts()
    {
        var status = new IngestionWorkerStatus(_time);
        status.BatchStarted(_time.GetUtcNow().UtcDateTime);
        status.AttemptFailed();
        status.AttemptFailed();
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Null(status.Problem(StallAfter, MaxLag));

        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("Ingestion worker stalled: no batch written for 61 s (2 failed attempts)", status.Problem(StallAfter, MaxLag));
        status.BatchFinished(0);
        Assert.Null(status.Problem(StallAfter, MaxLag));
    }

    [Fact]
    public void Problem_OldestEventOlderThanTheLagBound_ReportsTheLag()
    {
        var status = new IngestionWorkerStatus(_time);

        status.BatchStarted(_time.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(6));

        Assert.Equal("Ingestion lag of 360 s exceeds 300 s", status.Problem(StallAfter, MaxLag));
    }

    [Fact]
    public void Problem_StoppedWorker_IsReportedEvenWhenIdle()
    {
        var status = new IngestionWorkerStatus(_time);

        status.Stopped();

        Assert.Equal("Ingestion worker has stopped", status.Problem(StallAfter, MaxLag));
    }

    [Fact]
    public void BatchFinished_CountsDeadLetters()
    {
        var status = new IngestionWorkerStatus(_time);
        status.BatchStarted(null);
        status.BatchFinished(2);
        status.BatchStarted(null);
        status.BatchFinished(1);

        Assert.Equal(3, status.DeadLettered);
    }
}
