using TBot.Engine.Events;
using TBot.Engine.Ring;

namespace TBot.Engine.Backtest;

/// <summary>Hands each event straight to a handler on the calling thread: one thread, no ring (for measuring the
/// merge + trading loop alone, and for allocation tests that must see every byte on one thread).</summary>
public sealed class DirectPublisher<THandler>(THandler handler) : IEventPublisher where THandler : IEventHandler<MarketEvent>
{
    private MarketEvent _slot;
    private long _sequence = -1;

    public ref MarketEvent Claim(out long sequence)
    {
        sequence = ++_sequence;
        return ref _slot;
    }

    public void Publish(long sequence) => handler.OnEvent(ref _slot, sequence, endOfBatch: true);
}
