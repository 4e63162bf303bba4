using TBot.Engine.Events;

namespace TBot.Adapters.Simulator.Market;

/// <summary>A public trade: consecutive per-instrument id, price, size, and the aggressor (taker) side.</summary>
public struct TradePrint
{
    public long TradeId;
    public long Price;
    public long Quantity;
    public Side Aggressor;
    /// <summary>The instrument's event sequence number assigned to this trade (Coinbase Exchange "sequence").</summary>
    public long Sequence;
    public long TimeNs;
}
