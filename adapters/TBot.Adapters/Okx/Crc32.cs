using System.Buffers.Binary;

namespace TBot.Adapters.Okx;

/// <summary>
/// CRC-32 (IEEE 802.3 / zlib: reflected polynomial 0xEDB88320, init and final xor 0xFFFFFFFF), table-driven
/// slice-by-8. Written here because System.IO.Hashing is not referenced; OKX book checksums need it per update.
/// </summary>
public static class Crc32
{
    private const uint Polynomial = 0xEDB88320u;

    // Eight 256-entry tables: table k advances a byte through k extra zero bytes, so eight input bytes are
    // folded per step instead of one.
    private static readonly uint[] Table = BuildTable();

    private static uint[] BuildTable()
    {
        var t = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            t[i] = c;
        }
        for (var i = 0; i < 256; i++)
        {
            for (var s = 1; s < 8; s++)
            {
                var prev = t[(s - 1) * 256 + i];
                t[s * 256 + i] = (prev >> 8) ^ t[prev & 0xFF];
            }
        }
        return t;
    }

    /// <summary>The CRC-32 of <paramref name="data"/> (e.g. "123456789" → 0xCBF43926).</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(0xFFFFFFFFu, data);

    /// <summary>Continue a running (non-finalised) CRC register over more bytes. Start with 0xFFFFFFFF and
    /// finish with a bitwise NOT; <see cref="Compute"/> does both.</summary>
    public static uint Update(uint state, ReadOnlySpan<byte> data)
    {
        var t = Table;
        var crc = state;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            // Little-endian reads: byte i lands in the low bits, matching the reflected algorithm.
            var lo = crc ^ BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i, 4));
            var hi = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i + 4, 4));
            crc = t[0x700 + (int)(lo & 0xFF)] ^ t[0x600 + (int)((lo >> 8) & 0xFF)] ^
                  t[0x500 + (int)((lo >> 16) & 0xFF)] ^ t[0x400 + (int)(lo >> 24)] ^
                  t[0x300 + (int)(hi & 0xFF)] ^ t[0x200 + (int)((hi >> 8) & 0xFF)] ^
                  t[0x100 + (int)((hi >> 16) & 0xFF)] ^ t[(int)(hi >> 24)];
        }
        for (; i < data.Length; i++) crc = (crc >> 8) ^ t[(int)((crc ^ data[i]) & 0xFF)];
        return crc;
    }
}
