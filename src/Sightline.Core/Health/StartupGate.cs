namespace Sightline.Health;

/// <summary>
/// Open once storage is migrated and bootstrapped. The listener starts in parallel with that work, so until
/// then health answers 503 and API calls are asked to retry, rather than reaching a half-made schema.
/// </summary>
public sealed class StartupGate
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsOpen => _opened.Task.IsCompletedSuccessfully;

    /// <summary>Completes when storage is ready; background work waits on it before touching storage.</summary>
    public Task WhenOpen => _opened.Task;

    public void Open() => _opened.TrySetResult();
}
