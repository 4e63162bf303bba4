namespace TBot.Adapters.Simulator.Wire;

/// <summary>
/// CRC-32 (IEEE 802.3: reflected polynomial 0xEDB88320, init and final xor 0xFFFFFFFF) — the zlib value OKX
/// checksums are built on. The simulator keeps its own table-driven implementation so that it cross-checks the
/// client-side one instead of sharing its bugs.
/// </summary>
public static class SimulatorCrc32
{
    private static readonly uint[] Table = BuildTable();

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        return table;
    }

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }

    /// <summary>The CRC reinterpreted as a signed 32-bit value, which is how OKX sends it.</summary>
    public static int ComputeSigned(ReadOnlySpan<byte> data) => unchecked((int)Compute(data));
}
