using System.Buffers.Binary;
using System.Numerics;

namespace Sightline.Storage.Local;

/// <summary>
/// CRC-32C (Castagnoli). <see cref="BitOperations.Crc32C(uint, ulong)"/> uses the SSE4.2 or ARMv8 instruction
/// when present and a table otherwise, so no package is needed for it.
/// </summary>
internal static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        while (data.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
