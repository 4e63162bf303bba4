using TBot.Engine.Events;

namespace TBot.Adapters.Ingress;

/// <summary>
/// A sink that remembers, per instrument, the last accepted best bid/ask from quotes and tickers, and
/// counts events; forwards everything to an inner sink. Used for run summaries and <c>tbot check</c>.
/// </summary>
public sealed class TopOfBookTracker(int instruments, IEventSink? inner = null) : IEventSink
{
    private readonly long[] _bid = new long[instruments + 1];
    private readonly long[] _ask = new long[instruments + 1];

    public long Events { get; private set; }

    public void Publish(ReadOnlySpan<MarketEvent> events)
    {
        Events += events.Length;
        for (var i = 0; i < events.Length; i++)
        {
            ref readonly var e = ref events[i];
            if (e.Kind is not (MarketEventKind.Quote or MarketEventKind.Ticker) || (uint)e.InstrumentId >= (uint)_bid.Length) continue;
            if (e.Bid > 0) Volatile.Write(ref _bid[e.InstrumentId], e.Bid);
            if (e.Ask > 0) Volatile.Write(ref _ask[e.InstrumentId], e.Ask);
        }
        inner?.Publish(events);
    }

    /// <summary>Last quoted bid/ask (0 when none).</summary>
    public (long Bid, long Ask) Quote(int instrumentId) =>
        (uint)instrumentId < (uint)_bid.Length ? (Volatile.Read(ref _bid[instrumentId]), Volatile.Read(ref _ask[instrumentId])) : (0, 0);
}
