using TBot.Adapters.Simulator.Faults;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Wire;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Simulator.Transport;

/// <summary>
/// One venue API's WebSocket feed: parses client requests (on the connection's receive loop, then posts the
/// change to the pump), keeps subscriptions (pump thread), and renders each market step into that venue's
/// frames (pump thread, model lock held).
/// </summary>
internal abstract class VenueFeed
{
    protected VenueFeed(SimulatorContext context, Venue venue)
    {
        Context = context;
        Venue = venue;
    }

    protected SimulatorContext Context { get; }

    public Venue Venue { get; }

    protected FrameDispatcher Dispatcher => Context.Dispatcher;

    protected FaultInjector Faults => Context.Faults;

    protected MarketModel Model => Context.Model;

    /// <summary>A client text message (receive loop thread). Parse, answer errors directly, post state changes to the pump.</summary>
    public abstract void OnClientText(SimConnection connection, ReadOnlyMemory<byte> text);

    /// <summary>A connection ended: forget its subscriptions (pump thread).</summary>
    public abstract void OnDisconnected(SimConnection connection);

    /// <summary>Render one step of one of this venue's instruments (pump thread, model lock held).</summary>
    public abstract void OnStep(MarketStep step);

    /// <summary>Periodic work (tickers, heartbeats), called about every 50 ms (pump thread, model lock held).</summary>
    public virtual void OnTimer(long nowNs)
    {
    }

    /// <summary>The exchange time to stamp on a frame: now, or far in the past when the stale-timestamp fault fires.</summary>
    protected long StampNs(long nowNs) =>
        Faults.ShouldInject(FaultKind.StaleTimestamp, Venue) ? nowNs - Context.Options.StaleTimestampAge.Ticks * 100 : nowNs;

    protected static void AddOnce(List<SimConnection> list, SimConnection c)
    {
        if (!list.Contains(c)) list.Add(c);
    }

    protected static long NowNs() => WireTime.NowNs();
}
