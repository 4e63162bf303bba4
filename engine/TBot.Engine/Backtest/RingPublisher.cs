using TBot.Engine.Events;
using TBot.Engine.Ring;

namespace TBot.Engine.Backtest;

/// <summary>Publishes into a ring: the backtest's normal path (the trading core consumes it as in a live run).</summary>
public readonly struct RingPublisher(RingBuffer<MarketEvent> ring) : IEventPublisher
{
    public ref MarketEvent Claim(out long sequence)
    {
        sequence = ring.Next();
        return ref ring[sequence];
    }

    public void Publish(long sequence) => ring.Publish(sequence);
}
