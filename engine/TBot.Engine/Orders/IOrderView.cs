namespace TBot.Engine.Orders;

/// <summary>What strategies and risk may read of the order manager's state (trading thread only).</summary>
public interface IOrderView
{
    /// <summary>Net position of a bot on an instrument (quantity mantissa, negative = short).</summary>
    long Position(int botId, int instrumentId);

    /// <summary>Open orders of a bot on an instrument (0 = all instruments).</summary>
    int OpenOrderCount(int botId, int instrumentId);

    /// <summary>Sum of remaining quantity of the bot's open orders on one side of an instrument.</summary>
    long OpenQuantity(int botId, int instrumentId, Events.Side side);

    bool TryGetOrder(long clientOrderId, out Order order);

    /// <summary>The id the bot's next submission gets (also what <see cref="Strategy.StrategyContext.Submit"/> returns).</summary>
    long ReserveClientOrderId(int botId);
}
