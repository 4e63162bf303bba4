using TBot.Adapters.RateLimiting;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Orders;
using TBot.Engine.Ring;

namespace TBot.Adapters.Execution;

/// <summary>
/// Publishes execution reports into the engine's ring as <see cref="MarketEventKind.Fill"/>/<see cref="MarketEventKind.OrderUpdate"/>
/// events (<see cref="ExecutionReportCodec"/>). The ring must be multi-producer: reports are written from I/O
/// threads next to the market-data ingress. Receive time is the wall clock (this is edge code); a full ring
/// makes the caller wait for the consumers, like any other producer.
/// </summary>
public sealed class RingReportPublisher : IReportPublisher
{
    private readonly RingBuffer<MarketEvent> _ring;
    private readonly Venue _venue;
    private readonly EventFlags _flags;
    private readonly TimeProvider _time;
    private long _published;

    /// <param name="ring">A ring created with <see cref="ProducerType.Multi"/>.</param>
    /// <param name="venue">The venue stamped on the events.</param>
    /// <param name="extraFlags">Flags added to every event, e.g. <see cref="EventFlags.Reconciled"/> for start-up reconciliation.</param>
    public RingReportPublisher(RingBuffer<MarketEvent> ring, Venue venue = Venue.Binance, EventFlags extraFlags = EventFlags.None, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        if (ring.Sequencer is not MultiProducerSequencer)
            throw new ArgumentException("Execution reports are published from I/O threads: the ring must be multi-producer.", nameof(ring));
        _ring = ring;
        _venue = venue;
        _flags = extraFlags;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Reports published so far.</summary>
    public long Published => Volatile.Read(ref _published);

    /// <summary>The same ring and venue with <paramref name="extraFlags"/> instead (e.g. a reconciliation publisher).</summary>
    public RingReportPublisher WithFlags(EventFlags extraFlags) => new(_ring, _venue, extraFlags, _time);

    public void Publish(in ExecutionReport r)
    {
        var receiveNs = Clock.UnixNs(_time);
        using (var claim = _ring.Claim()) ExecutionReportCodec.Write(in r, _venue, receiveNs, ref claim.Event, _flags);
        Interlocked.Increment(ref _published);
    }
}
