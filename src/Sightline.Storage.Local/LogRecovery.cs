using System.Buffers;
using Microsoft.Extensions.Logging;

namespace Sightline.Storage.Local;

/// <summary>
/// Brings the segment directory to a consistent state at open: removes segments already consumed, checks every
/// record from the checkpoint on, and cuts a torn tail off the last segment. Only the last segment can have one: a
/// segment is fsync'd before its successor is created, so bad bytes anywhere else are damage, and opening stops
/// rather than skip records that were acknowledged to clients.
/// </summary>
internal static class LogRecovery
{
    private const int ScanBufferBytes = 64 * 1024;

    public static RecoveredLog Recover(string directory, LogPosition? checkpoint, ILogger logger)
    {
        var segments = SegmentFiles.List(directory);
        var start = checkpoint ?? new LogPosition(segments.Count > 0 ? segments[0] : 1, 0);

        // Segments wholly before the checkpoint are consumed; finding one means a crash interrupted their deletion.
        foreach (var consumed in segments.Where(s => s < start.Segment))
        {
            File.Delete(SegmentFiles.PathOf(directory, consumed));
            logger.ConsumedSegmentDeleted(consumed);
        }

        segments.RemoveAll(s => s < start.Segment);
        if (segments.Count == 0)
        {
            if (start.Offset != 0)
            {
                throw new InvalidDataException(
                    $"Event log segment {start.Segment} named by the checkpoint is missing from '{directory}'; unacknowledged events are lost. Remove the checkpoint file to start an empty log.");
            }

            using (File.Create(SegmentFiles.PathOf(directory, start.Segment)))
            {
            }

            DirectorySync.Flush(directory);
            segments.Add(start.Segment);
        }

        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i] != start.Segment + i)
            {
                throw new InvalidDataException(
                    $"Event log segment {start.Segment + i} is missing from '{directory}' (found {segments[i]} next); refusing to skip records.");
            }
        }

        var lengths = new List<long>(segments.Count);
        long backlog = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            var path = SegmentFiles.PathOf(directory, segments[i]);
            var from = i == 0 ? start.Offset : 0;
            var isLast = i == segments.Count - 1;
            var (validEnd, fileLength) = Scan(path, from);
            if (validEnd < fileLength)
            {
                if (!isLast)
                {
                    throw new InvalidDataException(
                        $"Event log segment '{path}' is corrupt at offset {validEnd} of {fileLength}; it is not the last segment, so this is damage, not an interrupted write. Restore the file or move it away.");
                }

                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read))
                {
                    stream.SetLength(validEnd);
                    stream.Flush(flushToDisk: true);
                }

                logger.TornTailTruncated(path, validEnd, fileLength - validEnd);
            }

            lengths.Add(validEnd);
            backlog += validEnd - from;
        }

        return new RecoveredLog(start, lengths, backlog);
    }

    /// <summary>Returns the end of the last valid record from <paramref name="from"/>, and the file's length.</summary>
    private static (long ValidEnd, long FileLength) Scan(string path, long from)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, ScanBufferBytes);
        var fileLength = stream.Length;
        if (from > fileLength)
        {
            throw new InvalidDataException(
                $"Event log checkpoint offset {from} is past the end of '{path}' ({fileLength} bytes); the segment was truncated outside Sightline.");
        }

        stream.Position = from;
        Span<byte> header = stackalloc byte[RecordFrame.HeaderBytes];
        var offset = from;
        while (fileLength - offset >= RecordFrame.HeaderBytes)
        {
            stream.ReadExactly(header);
            var (length, checksum) = RecordFrame.ReadHeader(header);
            if (length < 0 || length > fileLength - offset - RecordFrame.HeaderBytes)
            {
                break;
            }

            var payload = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                stream.ReadExactly(payload, 0, length);
                if (RecordFrame.Checksum(payload.AsSpan(0, length)) != checksum)
                {
                    break;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(payload);
            }

            offset += RecordFrame.HeaderBytes + length;
        }

        return (offset, fileLength);
    }
}
