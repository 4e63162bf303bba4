namespace TBot.Persistence.Redis;

/// <summary>Per-bot metrics the cache can rebuild from any point of the journal: latest values, not counters
/// (a counter would need the whole history and would double on a re-applied range).</summary>
internal sealed class BotMetricsState(int bot)
{
    public int Bot { get; } = bot;
    // Realised PnL (money) per instrument id, as the last fill on it reported.
    public readonly Dictionary<int, long> RealizedByInstrument = new();
    public bool KillSwitch, Paused;
    public long KillPnl, LastFillTimeNs, TimeNs, Position;
    public bool Dirty;
}
