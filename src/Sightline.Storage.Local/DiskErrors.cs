namespace Sightline.Storage.Local;

internal static class DiskErrors
{
    // .NET reports the raw errno as the HResult of an IOException on Unix, the Win32 error as an HRESULT on Windows.
    private const int Enospc = 28;
    private const int EdquotLinux = 122;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>Out of space or over quota: the disk may take more later, unlike a media or permission error.</summary>
    public static bool IsDiskFull(Exception ex) =>
        ex is IOException { HResult: Enospc or WindowsDiskFull or WindowsHandleDiskFull }
        || (OperatingSystem.IsLinux() && ex is IOException { HResult: EdquotLinux });
}
