using System.Security.Cryptography;
using Sightline.Server.Configuration;

namespace Sightline.Server.Hosting;

/// <summary>
/// The embedded profile's data directory: created if missing, locked for the life of the process (storage engines
/// here are single-process; the OS drops the lock when the process dies, even by kill -9), and home of the
/// generated instance secrets when none are configured.
/// </summary>
internal sealed class DataDirectory : IDisposable
{
    private readonly FileStream _lock;

    private DataDirectory(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    public string Path { get; }

    public string MetadataDatabase => System.IO.Path.Combine(Path, "sightline.db");

    public static DataDirectory? Open(string path, ConfigurationErrorList errors)
    {
        const string variable = "SIGHTLINE_DATA_DIR";
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(variable, $"cannot create '{path}' ({ex.Message}).", "point it at a directory this user can write, or create it with the right owner.");
            return null;
        }

        try
        {
            var lockFile = new FileStream(System.IO.Path.Combine(path, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new DataDirectory(path, lockFile);
        }
        catch (UnauthorizedAccessException ex)
        {
            errors.Add(variable, $"'{path}' is not writable ({ex.Message}).", "point it at a directory this user can write, or fix its permissions.");
        }
        catch (IOException)
        {
            errors.Add(variable, $"'{path}' is in use by another Sightline process.", "stop the other process, or give this one its own directory with SIGHTLINE_DATA_DIR.");
        }

        return null;
    }

    /// <summary>Reads a secret kept in the data directory, creating it on first use.</summary>
    public string? ReadOrCreateSecret(string fileName, string variable, Func<string> generate, ConfigurationErrorList errors)
    {
        var file = System.IO.Path.Combine(Path, fileName);
        try
        {
            if (File.Exists(file))
            {
                return File.ReadAllText(file).Trim();
            }

            var value = generate();
            var temp = file + ".tmp";
            File.WriteAllText(temp, value + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temp, file, overwrite: false);
            return value;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(variable, $"is not set and '{file}' could not be read or created ({ex.Message}).", $"set {variable}, or make the data directory writable.");
            return null;
        }
    }

    public static string NewHexKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public void Dispose() => _lock.Dispose();
}
