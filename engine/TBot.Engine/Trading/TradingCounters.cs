namespace TBot.Engine.Trading;

/// <summary>Trading-thread counts readable from other threads (metrics, summaries).</summary>
public sealed class TradingCounters
{
    private long _events, _intents, _killSwitches, _controls, _intentsDropped;

    public long Events => Volatile.Read(ref _events);
    public long Intents => Volatile.Read(ref _intents);
    public long KillSwitches => Volatile.Read(ref _killSwitches);
    public long Controls => Volatile.Read(ref _controls);
    /// <summary>Submissions refused because the order table was full.</summary>
    public long IntentsDropped => Volatile.Read(ref _intentsDropped);

    internal void OnEvent() => Volatile.Write(ref _events, _events + 1);
    internal void OnIntent() => Volatile.Write(ref _intents, _intents + 1);
    internal void OnKillSwitch() => Volatile.Write(ref _killSwitches, _killSwitches + 1);
    internal void OnControl() => Volatile.Write(ref _controls, _controls + 1);
    internal void OnIntentDropped() => Volatile.Write(ref _intentsDropped, _intentsDropped + 1);
}
