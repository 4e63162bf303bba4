namespace TBot.Engine.Portfolio;

/// <summary>
/// A bot's position on one instrument. <see cref="Cost"/> is the signed money paid for the open quantity
/// (negative for a short: money received), so unrealised PnL = value at mark − cost for either sign, and the
/// average entry price is cost / quantity. All money in <see cref="Orders.Money"/> units.
/// </summary>
public struct Position
{
    /// <summary>Signed quantity mantissa (negative = short).</summary>
    public long Quantity;
    public long Cost;
    public long RealizedPnl;
    public long Fees;
    public long BoughtQuantity;
    public long SoldQuantity;
    /// <summary>Money traded (sum of fill notionals).</summary>
    public long Turnover;
    public int Fills;

    public readonly bool IsEmpty => Quantity == 0 && Cost == 0 && RealizedPnl == 0 && Fees == 0 && Fills == 0;
}
