using System.Text;

namespace Sightline.Storage.Local;

/// <summary>
/// The consumer's position, replaced atomically: written to a temporary file, fsync'd, renamed over the old one,
/// then the directory fsync'd, so after a crash the file holds either the old or the new position, never a mix.
/// </summary>
internal sealed class CheckpointStore(string directory)
{
    private const string FileName = "checkpoint";
    private const string TempFileName = "checkpoint.tmp";

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
