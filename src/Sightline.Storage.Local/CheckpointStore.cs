using System.Text;

namespace Sightline.Storage.Local;

/// <summary>
/// The consumer's position, replaced atomically: written to a temporary file, fsync'd, renamed over the old one,
/// then the directory fsync'd, so after a crash the file holds either the old or the new position, never a mix.
/// Writing it needs a little free space, and on a full disk acknowledging is the only way to free any: a small
/// reserve file is kept and given up when the checkpoint cannot otherwise be written, then restored later.
/// </summary>
internal sealed class CheckpointStore(string directory)
{
    private const string FileName = "checkpoint";
    private const string TempFileName = "checkpoint.tmp";
    private const string ReserveFileName = "checkpoint.reserve";
    private const int ReserveBytes = 64 * 1024;

    private string PathOf(string name) => Path.Combine(directory, name);

    public LogPosition? Load()
    {
        // A temporary file is a write that crashed before its rename: the old checkpoint still holds.
        File.Delete(PathOf(TempFileName));
        var path = PathOf(FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var text = File.ReadAllText(path, Encoding.ASCII).Trim();
        return LogPosition.TryParse(text, out var position)
            ? position
            : throw new InvalidDataException($"Event log checkpoint '{path}' is unreadable ('{text}'); fix or remove it to replay the log from its first segment.");
    }

    public async Task SaveAsync(LogPosition position, CancellationToken ct)
    {
        try
        {
            await WriteAsync(position, ct);
        }
        catch (IOException ex) when (DiskErrors.IsDiskFull(ex) && File.Exists(PathOf(ReserveFileName)))
        {
            File.Delete(PathOf(TempFileName));
            File.Delete(PathOf(ReserveFileName));
            await WriteAsync(position, ct);
        }
    }

    /// <summary>Creates the reserve file if it is missing; a disk still too full for it is tried again next time.</summary>
    public async Task EnsureReserveAsync(CancellationToken ct)
    {
        var path = PathOf(ReserveFileName);
        if (File.Exists(path))
        {
            return;
        }

        var temp = path + ".tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                // Real bytes, not SetLength: a sparse file would reserve nothing.
                await stream.WriteAsync(new byte[ReserveBytes], ct);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (IOException ex) when (DiskErrors.IsDiskFull(ex))
        {
            File.Delete(temp);
        }
    }

    private async Task WriteAsync(LogPosition position, CancellationToken ct)
    {
        var temp = PathOf(TempFileName);
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(position + "\n"), ct);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, PathOf(FileName), overwrite: true);
        DirectorySync.Flush(directory);
    }
}
