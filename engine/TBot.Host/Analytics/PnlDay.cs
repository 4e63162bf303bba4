namespace TBot.Host.Analytics;

/// <summary>One bot's PnL on one instrument over one UTC day of the window, marked to market: the day's realised PnL,
/// fees, notional and fills, and the change of unrealised PnL from the day's start (or the window's) to its end.</summary>
internal sealed class PnlDay
{
    public long Realised, Fees, Volume, Fills, UnrealisedChange;

    public bool IsEmpty => Realised == 0 && Fees == 0 && Volume == 0 && Fills == 0 && UnrealisedChange == 0;
}
