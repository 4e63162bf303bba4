using System.Globalization;
using TBot.Adapters.RateLimiting;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Connections;

/// <summary>
/// <c>GET /api/v3/depth?symbol=BTCUSDT&amp;limit=N</c> (format doc §3 step 3, §4.2). The default 1000 levels
/// per side cost weight 50; 5000 would cost 250 and burn the minute budget on frequent resyncs.
/// </summary>
public sealed class BinanceDepthSnapshotEndpoint : ISnapshotEndpoint
{
    public BinanceDepthSnapshotEndpoint(int limit = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 5000);
        Limit = limit;
        Weight = BinanceWeights.Depth(limit);
    }

    public Venue Venue => Venue.Binance;

    public int Limit { get; }

    public int Weight { get; }

    public string PathAndQuery(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return "/api/v3/depth?symbol=" + Uri.EscapeDataString(instrument.Symbol) + "&limit=" + Limit.ToString(CultureInfo.InvariantCulture);
    }
}
