using TBot.Engine.Events;

namespace TBot.Engine.Strategy;

/// <summary>
/// A trading strategy: a hot-path handler. It sees every ring event after the market state applied it (quotes,
/// trades, book changes, timers, its own order reports), reads books and its orders through the context, and
/// emits intents through it. Keeps its state in fields preallocated at construction; never allocates or blocks.
/// </summary>
public interface IStrategy
{
    /// <summary>The registered strategy name ("market-maker").</summary>
    string Name { get; }

    void OnEvent(in MarketEvent e, StrategyContext context);
}
