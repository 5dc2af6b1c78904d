using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using Sightline.Common;

namespace Sightline.Storage.DuckDb;

/// <summary>
/// The one DuckDB database file and the connections to it.
/// <para>
/// A DuckDB connection is not thread-safe, but any number of connections to one database instance may run at once
/// (MVCC). DuckDB.NET shares the native database instance between every connection opened with the same data
/// source, so each read opens a short-lived connection of its own (a native connect, microseconds) and runs beside
/// writes and other reads. Writes all go through one long-lived writer connection, one at a time: DuckDB's
/// optimistic concurrency would fail one of two transactions that touch the same rows, and the delete-then-insert
/// upsert is only race-free when no other writer runs in between. The writer connection also keeps the database
/// instance (and its file lock) open between operations and owns the temporary staging tables.
/// </para>
/// <para>
/// The database opens on first use, not at start: DuckDB's native library costs about 30 MB of resident memory
/// once loaded and its database instance more, which an idle server that has not yet received a trace or a read
/// does not need. Opening applies the settings and the schema migrations before anything else runs on it.
/// <see cref="CheckFile"/> gives the start-up its clear error for a file that cannot be a DuckDB database without
/// loading the library.
/// </para>
/// </summary>
internal sealed class DuckDbDatabase(string path, DuckDbOptions options, TimeProvider time, ILogger<DuckDbDatabase> logger) : IAsyncDisposable, IDisposable
{
    // Built with the provider-neutral builder: DuckDB.NET's own builder loads the native library to list settings.
    private readonly string _connectionString = new DbConnectionStringBuilder { ["Data Source"] = path }.ConnectionString;
    // Nice value added to DuckDB's own threads; 10 gives them about a tenth of the weight of a normal thread.
    internal const int BackgroundThreadNice = 10;
    internal const string OpenerThreadName = "DuckDB open";

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private DuckDBConnection? _writer;
    private bool _disposed;

    public string Path => path;

    /// <summary>Whether the database has been opened (and its schema applied) by a first read or write.</summary>
    public bool IsOpen => Volatile.Read(ref _writer) is not null;

    public bool IsDisposed => Volatile.Read(ref _disposed);

    /// <summary>
    /// What can be checked at start without opening the database: the directory can be created and an existing
    /// file carries DuckDB's header. Returns the problem, or null.
    /// </summary>
    public string? CheckFile()
    {
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        if (!File.Exists(path))
        {
            return null;
        }

        // A DuckDB file starts with an 8-byte checksum followed by the magic bytes "DUCK".
        Span<byte> header = stackalloc byte[12];
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        var read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return read == 0 || (read == header.Length && header[8..].SequenceEqual("DUCK"u8))
            ? null
            : $"'{path}' is not a DuckDB database file ({read} bytes, no DUCK header)";
    }

    /// <summary>Runs <paramref name="work"/> on the writer connection, alone among writers.</summary>
    public async Task<T> WriteAsync<T>(Func<DuckDBConnection, Task<T>> work, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer ??= await OpenOnOwnThreadAsync(ct);
            return await work(_writer);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>A connection of the caller's own, for reads; dispose it when done.</summary>
    public async Task<DuckDBConnection> OpenReadConnectionAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Volatile.Read(ref _writer) is null)
        {
            // The writer applies the database-wide settings; make sure that happened before the first query runs.
            await WriteAsync(_ => Task.FromResult(0), ct);
        }

        var connection = new DuckDBConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// DuckDB starts its own worker threads when the database opens; on Linux they carry the name of the thread that
    /// started them. Opening on a thread of its own and then lowering the priority of the threads that carry its
    /// name makes DuckDB's threads (bulk inserts, checkpoints, the parallel part of queries) give way to request
    /// handling when the cores are busy, and take them whole when they are idle. The opening thread itself is left
    /// alone: a thread the pool starts from it would inherit a lowered priority.
    /// </summary>
    private Task<DuckDBConnection> OpenOnOwnThreadAsync(CancellationToken ct) =>
        DedicatedThread.RunAsync(OpenerThreadName, async () =>
        {
            var connection = await OpenWriterAsync(ct);
            if (options.Threads > 1 && NativeThreadPriority.LowerThreadsNamed(OpenerThreadName, BackgroundThreadNice) == 0 && OperatingSystem.IsLinux())
            {
                logger.PriorityNotLowered();
            }

            return connection;
        });

    private async Task<DuckDBConnection> OpenWriterAsync(CancellationToken ct)
    {
        var problem = CheckFile();
        if (problem is not null)
        {
            throw new InvalidDataException(problem);
        }

        var connection = new DuckDBConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            // Both settings are database-wide, so they also cover the read connections. DuckDB's default memory
            // limit is 80% of physical RAM and its default thread count one per core: on a shared laptop or a small
            // VM an analytics query would otherwise starve the rest of the process and the machine.
            var memoryKiB = options.MemoryLimitBytes / 1024;
            await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"SET memory_limit = '{memoryKiB}KiB'"), ct);
            await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"SET threads = {options.Threads}"), ct);
            await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"SET checkpoint_threshold = '{options.CheckpointThresholdBytes / 1024}KiB'"), ct);
            await DuckDbSchema.ApplyAsync(connection, time, logger, ct);
            foreach (var table in AnalyticsTables.All)
            {
                await ExecuteAsync(connection, table.CreateStagingTableSql, ct);
            }

            logger.Opened(path, options.MemoryLimitBytes, options.Threads);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal static async Task<int> ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        // Waiting for the writer lets an in-flight batch commit instead of failing halfway through.
        await _writeLock.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_writer is not null)
            {
                await _writer.DisposeAsync();
                _writer = null;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
