using TBot.Engine.Events;
using TBot.Engine.Orders;

namespace TBot.Host.Dashboard;

/// <summary>A bot's position on one instrument, rebuilt from journaled fills with the portfolio's own arithmetic
/// (<see cref="TBot.Engine.Portfolio.PortfolioBook.ApplyFill"/>): quantity, cost, realised PnL and fees in integer
/// money, so the dashboard agrees with the engine to the unit.</summary>
internal sealed class DashboardPosition(int botId, int instrumentId)
{
    public int BotId { get; } = botId;
    public int InstrumentId { get; } = instrumentId;
    public long Quantity, Cost, Realized, Fees, Fills;

    public void ApplyFill(Side side, long price, int priceScale, long quantity, int quantityScale, long fee)
    {
        var sign = side == Side.Buy ? 1L : -1L;
        var notional = Money.Notional(price, priceScale, quantity, quantityScale);
        Fees += fee;
        Fills++;
        if (Quantity == 0 || Math.Sign(Quantity) == sign)
        {
            Quantity += sign * quantity;
            Cost += sign * notional;
            return;
        }
        var open = Math.Abs(Quantity);
        var closing = Math.Min(quantity, open);
        var costShare = (long)((Int128)Cost * closing / open);
        var closingNotional = closing == quantity ? notional : Money.Notional(price, priceScale, closing, quantityScale);
        Realized += -sign * closingNotional - costShare;
        Cost -= costShare;
        Quantity += sign * closing;
        if (Quantity == 0) Cost = 0;
        var opening = quantity - closing;
        if (opening > 0)
        {
            Quantity += sign * opening;
            Cost += sign * Money.Notional(price, priceScale, opening, quantityScale);
        }
    }

    /// <summary>Value at <paramref name="mark"/> minus cost (0 when flat or without a mark).</summary>
    public long Unrealized(long mark, int priceScale, int quantityScale) =>
        Quantity == 0 || mark <= 0 ? 0 : Money.Notional(mark, priceScale, Quantity, quantityScale) - Cost;
}
