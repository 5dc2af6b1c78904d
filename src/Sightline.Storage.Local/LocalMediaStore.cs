using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Sightline.Media;

namespace Sightline.Storage.Local;

/// <summary>
/// Media of the embedded profile: one file per object at <c>&lt;root&gt;/&lt;project&gt;/&lt;mediaId&gt;</c>. Bytes
/// arrive in <c>&lt;root&gt;/.incoming</c>, are checked against the announced length and SHA-256, fsync'd, and only
/// then renamed into place, so a crash or a bad upload never leaves a partial or wrong object visible.
/// </summary>
internal sealed partial class LocalMediaStore(string root) : IMediaStore
{
    public const string IncomingDirectory = ".incoming";
    private const int BufferSize = 81920;

    public string Root { get; } = root;

    public string Bucket => "local";

    public string KeyFor(string projectId, string mediaId, string contentType)
    {
        if (!SafeSegment().IsMatch(mediaId))
        {
            throw new ArgumentException($"Not a media id: '{mediaId}'", nameof(mediaId));
        }

        return ProjectSegment(projectId) + "/" + mediaId;
    }

    // Bytes move through the server's own signed URLs: the directory has no URL of its own.
    public ValueTask<Uri?> PresignUploadAsync(MediaObject media, DateTimeOffset expiresAt, CancellationToken cancellationToken) => ValueTask.FromResult<Uri?>(null);

    public ValueTask<Uri?> PresignDownloadAsync(MediaObject media, DateTimeOffset expiresAt, CancellationToken cancellationToken) => ValueTask.FromResult<Uri?>(null);

    public async Task<MediaWriteResult> WriteAsync(MediaObject media, Stream content, CancellationToken cancellationToken)
    {
        var target = PathOf(media.Key);
        var expectedHash = Convert.FromBase64String(media.Sha256Hash);
        var incoming = Path.Combine(Root, IncomingDirectory);
        Directory.CreateDirectory(incoming);
        var temp = Path.Combine(incoming, Guid.NewGuid().ToString("N"));
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var placed = false;
        try
        {
            long received = 0;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                while (true)
                {
                    // Never ask for more than one byte past the announced length: that byte alone proves the body too long.
                    var want = (int)Math.Min(BufferSize, media.ContentLength + 1 - received);
                    var read = await content.ReadAsync(buffer.AsMemory(0, want), cancellationToken);
                    if (read == 0)
                    {
                        break;
                    }

                    received += read;
                    if (received > media.ContentLength)
                    {
                        return new MediaWriteResult(MediaWriteOutcome.TooLong, received);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                if (received < media.ContentLength)
                {
                    return new MediaWriteResult(MediaWriteOutcome.TooShort, received);
                }

                if (!CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), expectedHash))
                {
                    return new MediaWriteResult(MediaWriteOutcome.HashMismatch, received);
                }

                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            var directory = Path.GetDirectoryName(target)!;
            var newDirectory = !Directory.Exists(directory);
            Directory.CreateDirectory(directory);
            File.Move(temp, target, overwrite: true);
            placed = true;
            DirectorySync.Flush(directory);
            if (newDirectory)
            {
                DirectorySync.Flush(Root);
            }

            return new MediaWriteResult(MediaWriteOutcome.Stored, received);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (!placed)
            {
                TryDelete(temp);
            }
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult<Stream?>(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    /// <summary>Creates the directory and removes uploads a crash left half-written.</summary>
    public int PrepareDirectory()
    {
        var incoming = Path.Combine(Root, IncomingDirectory);
        Directory.CreateDirectory(incoming);
        var removed = 0;
        foreach (var leftover in Directory.EnumerateFiles(incoming))
        {
            if (TryDelete(leftover))
            {
                removed++;
            }
        }

        return removed;
    }

    private string PathOf(string key)
    {
        var parts = key.Split('/');
        if (parts.Length != 2 || !SafeSegment().IsMatch(parts[0]) || !SafeSegment().IsMatch(parts[1]))
        {
            throw new ArgumentException($"Not a local media key: '{key}'", nameof(key));
        }

        return Path.Combine(Root, parts[0], parts[1]);
    }

    /// <summary>
    /// Project ids are free text when set through <c>LANGFUSE_INIT_PROJECT_ID</c>; anything beyond letters, digits,
    /// <c>-</c> and <c>_</c> becomes <c>~</c> and the hex of its UTF-8 bytes (<c>~~</c> and the hex of their SHA-256
    /// when long), which no plain id and no other project's name can equal.
    /// </summary>
    private static string ProjectSegment(string projectId)
    {
        if (projectId.Length <= 100 && SafeSegment().IsMatch(projectId) && projectId[0] != '~')
        {
            return projectId;
        }

        var bytes = Encoding.UTF8.GetBytes(projectId);
        return bytes.Length <= 64 ? "~" + Convert.ToHexStringLower(bytes) : "~~" + Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_~-]{1,130}$")]
    private static partial Regex SafeSegment();
}
