namespace Sightline.Bench;

/// <summary>Samples a process's <c>VmRSS</c> every 250 ms until stopped and keeps the highest value.</summary>
internal sealed class RssSampler : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<double> _sampling;

    private RssSampler(int pid)
    {
        _pid = pid;
        _sampling = SampleAsync(_stop.Token);
    }

    public static RssSampler Start(int pid) => new(pid);

    /// <summary>Stops sampling and returns the peak in MB, including one last sample taken now.</summary>
    public async Task<double> StopAsync()
    {
        await _stop.CancelAsync();
        return await _sampling;
    }

    public void Dispose() => _stop.Dispose();

    private async Task<double> SampleAsync(CancellationToken ct)
    {
        var peak = 0.0;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                peak = Math.Max(peak, ProcessMemory.ResidentMegabytes(_pid));
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException)
        {
        }

        return Math.Max(peak, ProcessMemory.ResidentMegabytes(_pid));
    }
}
