using TBot.Engine.Strategy;

namespace TBot.Engine.Trading;

/// <summary>One running bot (the seed's <c>bot_instances</c> row): an id, a strategy with its parameters, and
/// the context it trades through.</summary>
public sealed class BotInstance(int botId, string name, IStrategy strategy, StrategyContext context)
{
    public int BotId { get; } = botId;

    /// <summary>Operator-facing name ("mm-btc").</summary>
    public string Name { get; } = name;

    public IStrategy Strategy { get; } = strategy;

    public StrategyContext Context { get; } = context;
}
