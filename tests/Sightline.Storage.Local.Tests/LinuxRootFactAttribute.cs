namespace Sightline.Storage.Local.Tests;

/// <summary>A test that mounts a file system, which needs root on Linux; skipped, visibly, anywhere else.</summary>
public sealed class LinuxRootFactAttribute : FactAttribute
{
    public LinuxRootFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Skip = "Needs root on Linux to mount a small tmpfs";
        }
    }
}
