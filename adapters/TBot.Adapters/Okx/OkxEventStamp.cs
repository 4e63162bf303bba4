using TBot.Engine.Events;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Okx;

/// <summary>The fields every event of one frame shares; appends events with them already filled in.</summary>
internal readonly struct OkxEventStamp(Instrument instrument, ushort connectionId, long receiveTimeNs, EventFlags flags)
{
    public Instrument Instrument { get; } = instrument;

    public ref MarketEvent Add(EventBatch batch, MarketEventKind kind)
    {
        ref var e = ref batch.Add();
        e.Kind = kind;
        e.Venue = Venue.Okx;
        e.InstrumentId = Instrument.Id;
        e.ConnectionId = connectionId;
        e.ReceiveTimeNs = receiveTimeNs;
        e.Flags = flags;
        return ref e;
    }
}
