using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Wire;

namespace TBot.Adapters.Simulator.Okx;

/// <summary>
/// The OKX books checksum (format doc §4.5): the top 25 levels of each side interleaved
/// bid0.px:bid0.sz:ask0.px:ask0.sz:..., missing entries skipped, joined with ':', CRC-32 as a signed int32 —
/// using the exact strings this simulator writes for those levels.
/// </summary>
internal static class OkxChecksum
{
    public const int Depth = 25;

    public static int Compute(InstrumentMarket m)
    {
        // 25 levels × 2 sides × (price + size + 2 separators) stays well under 4 KiB.
        Span<byte> text = stackalloc byte[4096];
        var n = BuildText(m, text);
        return SimulatorCrc32.ComputeSigned(text[..n]);
    }

    /// <summary>The checksum input string (exposed for tests and debugging).</summary>
    public static string Text(InstrumentMarket m)
    {
        Span<byte> text = stackalloc byte[4096];
        var n = BuildText(m, text);
        return System.Text.Encoding.ASCII.GetString(text[..n]);
    }

    private static int BuildText(InstrumentMarket m, Span<byte> text)
    {
        var ps = m.Spec.PriceScale;
        var qs = m.Spec.QuantityScale;
        var w = 0;
        for (var i = 0; i < Depth; i++)
        {
            if (i < m.Bids.Count) w = Append(text, w, m.Bids.PriceAt(i), ps, m.Bids.QuantityAt(i), qs);
            if (i < m.Asks.Count) w = Append(text, w, m.Asks.PriceAt(i), ps, m.Asks.QuantityAt(i), qs);
        }
        return w > 0 ? w - 1 : 0; // drop the trailing ':'
    }

    private static int Append(Span<byte> text, int w, long price, int priceScale, long size, int sizeScale)
    {
        w += WireNumber.Format(price, priceScale, OkxWire.Style, text[w..]);
        text[w++] = (byte)':';
        w += WireNumber.Format(size, sizeScale, OkxWire.Style, text[w..]);
        text[w++] = (byte)':';
        return w;
    }
}
