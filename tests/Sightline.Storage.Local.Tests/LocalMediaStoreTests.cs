using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Sightline.Media;

namespace Sightline.Storage.Local.Tests;

public sealed class LocalMediaStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly LocalMediaStore _store;

    public LocalMediaStoreTests() => _store = new LocalMediaStore(Path.Combine(_directory.Path, "media"));

    public void Dispose() => _directory.Dispose();

    private static byte[] Bytes(int length, byte seed) => Enumerable.Range(0, length).Select(i => (byte)(i * 31 + seed)).ToArray();

    private MediaObject ObjectFor(byte[] bytes, string project = "project-1")
    {
        var hash = Convert.ToBase64String(SHA256.HashData(bytes));
        return new MediaObject(_store.KeyFor(project, MediaIds.FromSha256Hash(hash), "image/png"), "image/png", bytes.Length, hash);
    }

    private async Task<byte[]?> ReadAsync(string key)
    {
        await using var stream = await _store.OpenReadAsync(key, CancellationToken.None);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private string[] Incoming() => Directory.GetFiles(Path.Combine(_store.Root, LocalMediaStore.IncomingDirectory));

    [Fact]
    public async Task Write_MatchingBytes_StoresThemUnderProjectAndMediaId()
    {
        var bytes = Bytes(200_000, 1); // several buffers' worth
        var media = ObjectFor(bytes);

        var result = await _store.WriteAsync(media, new MemoryStream(bytes), CancellationToken.None);

        Assert.Equal(new MediaWriteResult(MediaWriteOutcome.Stored, bytes.Length), result);
        Assert.Equal(bytes, await ReadAsync(media.Key));
        Assert.True(await _store.ExistsAsync(media.Key, CancellationToken.None));
        Assert.True(File.Exists(Path.Combine(_store.Root, "project-1", MediaIds.FromSha256Hash(media.Sha256Hash))));
        Assert.Empty(Incoming());
    }

    [Fact]
    public async Task Write_WrongBytes_StoresNothing_AndKeepsAnEarlierGoodObject()
    {
        var good = Bytes(1000, 1);
        var media = ObjectFor(good);
        await _store.WriteAsync(media, new MemoryStream(good), CancellationToken.None);
        var tampered = (byte[])good.Clone();
        tampered[500] ^= 0xFF;

        var mismatch = await _store.WriteAsync(media, new MemoryStream(tampered), CancellationToken.None);
        var tooShort = await _store.WriteAsync(media, new MemoryStream(good[..999]), CancellationToken.None);
        var tooLong = await _store.WriteAsync(media, new MemoryStream([.. good, 0]), CancellationToken.None);

        Assert.Equal(new MediaWriteResult(MediaWriteOutcome.HashMismatch, 1000), mismatch);
        Assert.Equal(new MediaWriteResult(MediaWriteOutcome.TooShort, 999), tooShort);
        Assert.Equal(new MediaWriteResult(MediaWriteOutcome.TooLong, 1001), tooLong);
        Assert.Equal(good, await ReadAsync(media.Key));
        Assert.Empty(Incoming());
    }

    [Fact]
    public async Task Write_Mismatch_OnNewObject_LeavesNoFile()
    {
        var media = ObjectFor(Bytes(64, 2));

        var result = await _store.WriteAsync(media, new MemoryStream(Bytes(64, 3)), CancellationToken.None);

        Assert.Equal(MediaWriteOutcome.HashMismatch, result.Outcome);
        Assert.Null(await ReadAsync(media.Key));
        Assert.False(await _store.ExistsAsync(media.Key, CancellationToken.None));
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("proj/with/slashes")]
    [InlineData("~looks-encoded")]
    [InlineData("ünïcode")]
    public async Task KeyFor_UnsafeProjectId_StaysInsideTheRoot_AndIsDistinct(string projectId)
    {
        var bytes = Bytes(10, 4);
        var media = ObjectFor(bytes, projectId);

        await _store.WriteAsync(media, new MemoryStream(bytes), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_store.Root, "*", SearchOption.AllDirectories));
        Assert.StartsWith(Path.GetFullPath(_store.Root) + Path.DirectorySeparatorChar, Path.GetFullPath(file), StringComparison.Ordinal);
        Assert.StartsWith("~", media.Key, StringComparison.Ordinal);
        Assert.NotEqual(media.Key, _store.KeyFor("looks-encoded", MediaIds.FromSha256Hash(media.Sha256Hash), "image/png"));
    }

    [Fact]
    public async Task OpenRead_ForgedKey_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.OpenReadAsync("../outside", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.OpenReadAsync("a/b/c", CancellationToken.None));
    }

    [Fact]
    public async Task Initializer_RemovesUnfinishedUploads_AndRegistersTheStore()
    {
        var services = new ServiceCollection().AddLogging().AddLocalMediaStore(Path.Combine(_directory.Path, "media"));
        await using var provider = services.BuildServiceProvider();
        var leftover = Path.Combine(_directory.Path, "media", LocalMediaStore.IncomingDirectory, "crashed-upload");
        Directory.CreateDirectory(Path.GetDirectoryName(leftover)!);
        await File.WriteAllBytesAsync(leftover, [1, 2, 3]);

        await Assert.Single(provider.GetServices<IStorageInitializer>()).InitializeAsync(CancellationToken.None);

        Assert.False(File.Exists(leftover));
        Assert.Equal("local", provider.GetRequiredService<IMediaStore>().Bucket);
    }
}
