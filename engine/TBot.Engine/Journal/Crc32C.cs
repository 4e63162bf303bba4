using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TBot.Engine.Journal;

/// <summary>
/// CRC-32C (Castagnoli), the standard variant (initial value and final xor 0xFFFFFFFF), so other tools can
/// check journal records. Hardware accelerated through <see cref="BitOperations.Crc32C(uint, ulong)"/>,
/// eight bytes per step. Reads words little-endian (the journal supports little-endian hosts only).
/// </summary>
public static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data) => ~Append(~0u, data);

    /// <summary>Continue a raw (not finalised) CRC over more bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        ref var p = ref MemoryMarshal.GetReference(data);
        var n = data.Length;
        var i = 0;
        for (; i + 8 <= n; i += 8)
            crc = BitOperations.Crc32C(crc, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i)));
        if (i + 4 <= n)
        {
            crc = BitOperations.Crc32C(crc, Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, i)));
            i += 4;
        }
        for (; i < n; i++) crc = BitOperations.Crc32C(crc, Unsafe.Add(ref p, i));
        return crc;
    }
}
