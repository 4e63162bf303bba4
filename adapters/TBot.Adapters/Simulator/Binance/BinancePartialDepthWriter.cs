using System.Text.Json;
using TBot.Adapters.Simulator.Market;

namespace TBot.Adapters.Simulator.Binance;

/// <summary>&lt;symbol&gt;@depth&lt;N&gt;: a complete top-N snapshot, {"lastUpdateId":..,"bids":[..],"asks":[..]} (no e/E/s).</summary>
internal static class BinancePartialDepthWriter
{
    private static readonly JsonEncodedText LastUpdateId = JsonEncodedText.Encode("lastUpdateId");
    private static readonly JsonEncodedText Bids = JsonEncodedText.Encode("bids");
    private static readonly JsonEncodedText Asks = JsonEncodedText.Encode("asks");

    /// <summary>Also the REST /api/v3/depth body: the same shape with more levels.</summary>
    public static void Write(Utf8JsonWriter w, InstrumentMarket m, int levels)
    {
        w.WriteStartObject();
        w.WriteNumber(LastUpdateId, m.Sequence);
        BinanceWire.Levels(w, Bids, m, m.Bids, levels);
        BinanceWire.Levels(w, Asks, m, m.Asks, levels);
        w.WriteEndObject();
    }
}
