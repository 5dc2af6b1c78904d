using Microsoft.Win32.SafeHandles;

namespace Sightline.Storage.Local;

/// <summary>
/// Reads durable records from a position on. Reads go in chunks and records are slices of them, so a batch of
/// small records costs a few reads, and a batch never holds more than about <c>maxBytes</c> plus one chunk.
/// Checksums are verified again: bytes that passed the writer's fsync and fail here are damage, reported loudly.
/// </summary>
internal sealed class SegmentReader(string directory, SegmentTable table) : IDisposable
{
    private const int ChunkBytes = 256 * 1024;

    private SafeFileHandle? _handle;
    private long _handleSegment = -1;

    /// <returns>The records, the position after them, and the pooled buffers the records are slices of: the caller
    /// disposes those once it no longer reads the records.</returns>
    public (List<ReadOnlyMemory<byte>> Records, LogPosition Next, PooledChunks Buffers) Read(LogPosition from, int maxRecords, long maxBytes)
    {
        var records = new List<ReadOnlyMemory<byte>>();
        var buffers = new PooledChunks();
        long bytes = 0;
        var position = table.Normalize(from);
        while (records.Count < maxRecords && bytes < maxBytes)
        {
            var end = table.LengthOf(position.Segment);
            if (position.Offset >= end)
            {
                break;
            }

            var handle = HandleFor(position.Segment);
            var chunkLength = (int)Math.Min(end - position.Offset, ChunkBytes);
            var chunk = buffers.Rent(chunkLength);
            ReadExactly(handle, chunk.AsSpan(0, chunkLength), position.Offset);
            var used = 0;
            while (records.Count < maxRecords && bytes < maxBytes && chunkLength - used >= RecordFrame.HeaderBytes)
            {
                var (length, checksum) = RecordFrame.ReadHeader(chunk.AsSpan(used));
                var frameEnd = position.Offset + RecordFrame.HeaderBytes + (long)length;
                if (length < 0 || frameEnd > end)
                {
                    throw Corrupt(position);
                }

                ReadOnlyMemory<byte> payload;
                if (used + RecordFrame.HeaderBytes + length <= chunkLength)
                {
                    payload = chunk.AsMemory(used + RecordFrame.HeaderBytes, length);
                }
                else if (used == 0)
                {
                    // Larger than a chunk: read on its own.
                    var large = buffers.Rent(length);
                    ReadExactly(handle, large.AsSpan(0, length), position.Offset + RecordFrame.HeaderBytes);
                    payload = large.AsMemory(0, length);
                }
                else
                {
                    break;
                }

                if (RecordFrame.Checksum(payload.Span) != checksum)
                {
                    throw Corrupt(position);
                }

                records.Add(payload);
                bytes += length;
                used += RecordFrame.HeaderBytes + length;
                position = new LogPosition(position.Segment, frameEnd);
            }

            position = table.Normalize(position);
        }

        return (records, position, buffers);
    }

    public void Dispose()
    {
        _handle?.Dispose();
        _handle = null;
    }

    private SafeFileHandle HandleFor(long segment)
    {
        if (_handleSegment != segment || _handle is null)
        {
            _handle?.Dispose();
            // Delete sharing: acknowledgement removes consumed segments while this handle may still be open.
            _handle = File.OpenHandle(SegmentFiles.PathOf(directory, segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            _handleSegment = segment;
        }

        return _handle;
    }

    private static void ReadExactly(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        while (buffer.Length > 0)
        {
            var read = RandomAccess.Read(handle, buffer, offset);
            if (read == 0)
            {
                throw new EndOfStreamException("An event log segment ended before its recorded length.");
            }

            buffer = buffer[read..];
            offset += read;
        }
    }

    private InvalidDataException Corrupt(LogPosition position) =>
        new($"Event log segment '{SegmentFiles.PathOf(directory, position.Segment)}' is corrupt at offset {position.Offset}, inside data that was written and fsync'd.");
}
