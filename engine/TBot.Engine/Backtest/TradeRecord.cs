using TBot.Engine.Events;

namespace TBot.Engine.Backtest;

/// <summary>One fill as the backtest's trades table keeps it (mantissas at the instrument's scales, money at 8 dp).</summary>
public struct TradeRecord
{
    public long TimeNs;
    public int BotId;
    public int InstrumentId;
    public Side Side;
    public bool IsMaker;
    public long ClientOrderId;
    public long Price;
    public long Quantity;
    public long Fee;
    /// <summary>Realised PnL this fill closed (money), 0 for a fill that only opened or grew a position.</summary>
    public long RealisedDelta;
    /// <summary>Signed position after the fill.</summary>
    public long PositionAfter;
}
