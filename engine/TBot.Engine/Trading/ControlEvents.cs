using TBot.Engine.Events;

namespace TBot.Engine.Trading;

/// <summary>
/// Layout of a control event: Open = command, TradeId = bot id (0 = all), UpdateId = field (risk limit
/// changes), Price = value, ReceiveTimeNs = when it was published.
/// </summary>
public static class ControlEvents
{
    public static void Write(ref MarketEvent e, ControlCommand command, int botId, long nowNs, int field = 0, long value = 0)
    {
        e = default;
        e.Kind = MarketEventKind.Control;
        e.Open = (long)command;
        e.TradeId = botId;
        e.UpdateId = field;
        e.Price = value;
        e.ReceiveTimeNs = nowNs;
        e.ExchangeTimeNs = nowNs;
    }

    public static ControlCommand Command(in MarketEvent e) => (ControlCommand)e.Open;

    public static int Bot(in MarketEvent e) => (int)e.TradeId;
}
