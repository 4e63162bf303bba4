namespace TBot.Engine.Risk;

/// <summary>
/// What the kill switch remembers of one bot's PnL (money units): the latest value, the value the current UTC
/// day started from, and the peak. A bot starts at 0 PnL; at a day change the last value seen before it becomes
/// the new day's start (the PnL at midnight is not observed, the latest earlier value is the best estimate).
/// </summary>
internal struct PnlWatermarks
{
    private const long NsPerDay = 86_400_000_000_000;

    public long Day;
    public bool HasDay;
    public long DayStartPnl;
    public long PeakPnl;
    public long LastPnl;

    public readonly long DayLoss => DayStartPnl - LastPnl;

    public readonly long Drawdown => PeakPnl - LastPnl;

    /// <summary>Start a new day when engine time crossed UTC midnight (time running backwards never rolls back).</summary>
    public void RollDay(long nowNs)
    {
        var day = UtcDay(nowNs);
        if (HasDay && day <= Day) return;
        if (HasDay) DayStartPnl = LastPnl;
        Day = day;
        HasDay = true;
    }

    public void Observe(long pnl)
    {
        LastPnl = pnl;
        if (pnl > PeakPnl) PeakPnl = pnl;
    }

    /// <summary>Count losses and drawdown from here on (an operator resumed the bot after a kill switch).</summary>
    public void Rebase()
    {
        DayStartPnl = LastPnl;
        PeakPnl = LastPnl;
    }

    private static long UtcDay(long unixNs) => unixNs >= 0 ? unixNs / NsPerDay : (unixNs + 1) / NsPerDay - 1;
}
