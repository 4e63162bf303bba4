using TBot.Engine.Events;
using TBot.Engine.Ring;

namespace TBot.Host.Running;

/// <summary>
/// The chain's stand-in consumer until strategies and risk exist: counts events per kind on the handler
/// thread, so a run shows that validated data really flowed through the ring.
/// </summary>
public sealed class EventCounterHandler : IEventHandler<MarketEvent>
{
    private readonly long[] _byKind = new long[16];

    public long Events { get; private set; }

    public long this[MarketEventKind kind] => Volatile.Read(ref _byKind[(int)kind]);

    public void OnEvent(ref MarketEvent evt, long sequence, bool endOfBatch)
    {
        _byKind[(int)evt.Kind & 15]++;
        Events++;
    }
}
