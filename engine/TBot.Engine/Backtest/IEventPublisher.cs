using TBot.Engine.Events;

namespace TBot.Engine.Backtest;

/// <summary>Where the backtest feeder puts events: a ring (as live) or straight into a handler (benchmarks).
/// Implemented by structs so the feeder's generic loop is devirtualised.</summary>
public interface IEventPublisher
{
    /// <summary>Claim a slot and return it for writing.</summary>
    ref MarketEvent Claim(out long sequence);

    /// <summary>Make the claimed slot visible (or process it).</summary>
    void Publish(long sequence);
}
