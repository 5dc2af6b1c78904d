using System.Buffers.Binary;

namespace Sightline.Storage.Local;

/// <summary>
/// On-disk record: <c>[int32 payload length][uint32 masked CRC-32C of the payload][payload]</c>, little-endian.
/// The CRC is masked (rotated and offset, as LevelDB does) because the CRC of an empty payload is 0: unmasked, a
/// run of zero bytes, which is what a file system may leave after a crash, would read as valid empty records.
/// </summary>
internal static class RecordFrame
{
    public const int HeaderBytes = 8;
    private const uint MaskDelta = 0xa282ead8;

    /// <summary>The header; the writer puts it in front of the caller's payload without copying the payload.</summary>
    public static byte[] Header(ReadOnlySpan<byte> payload)
    {
        var header = new byte[HeaderBytes];
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), Checksum(payload));
        return header;
    }

    public static uint Checksum(ReadOnlySpan<byte> payload)
    {
        var crc = Crc32C.Compute(payload);
        return ((crc >> 15) | (crc << 17)) + MaskDelta;
    }

    public static (int Length, uint Checksum) ReadHeader(ReadOnlySpan<byte> header) =>
        (BinaryPrimitives.ReadInt32LittleEndian(header), BinaryPrimitives.ReadUInt32LittleEndian(header[4..]));
}
