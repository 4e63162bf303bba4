namespace TBot.Engine.Events;

/// <summary>
/// Timer events: a heartbeat published on the ring at a fixed interval (live) or replayed from the journal,
/// so strategies close bars and refresh quotes on the same sequence in live runs, replays and backtests.
/// Fields: <see cref="MarketEvent.UpdateId"/> = tick number, <see cref="MarketEvent.ExchangeTimeNs"/> = the
/// scheduled time, <see cref="MarketEvent.ReceiveTimeNs"/> = when it was published, instrument 0.
/// </summary>
public static class TimerEvents
{
    public static void Write(ref MarketEvent e, long tick, long scheduledNs, long nowNs)
    {
        e = default;
        e.Kind = MarketEventKind.Timer;
        e.UpdateId = tick;
        e.ExchangeTimeNs = scheduledNs;
        e.ReceiveTimeNs = nowNs;
    }
}
