namespace Sightline.Server.Hosting;

/// <summary>A storage engine failed to open or migrate at start; <see cref="Component"/> names which one.</summary>
internal sealed class StorageStartException(string component, Exception inner)
    : Exception($"The {component} failed to start.", inner)
{
    public string Component => component;
}
