using TBot.Engine.Events;

namespace TBot.Engine.Execution.Paper;

/// <summary>Queue-position model (<see cref="PaperGatewayOptions.QueuePosition"/>, FILL-MODEL.md "Queue position").</summary>
public sealed partial class PaperGateway
{
    /// <summary>Size displayed ahead of a resting order at its price on its own side: 0 when its price is better than
    /// the best (nobody ahead) or inside the visible depth with no level there (the level emptied); the level's size
    /// when displayed; <see cref="long.MaxValue"/> when its price is beyond what the data shows.</summary>
    private long VisibleAhead(in PaperOrder o)
    {
        var buy = o.Side == Side.Buy;
        var levels = _market.Book(o.InstrumentId).SideOf(buy);
        if (levels.Count > 0)
        {
            for (var i = 0; i < levels.Count; i++)
            {
                ref readonly var level = ref levels[i];
                if (level.Price == o.Price) return level.Quantity;
                if (buy ? o.Price > level.Price : o.Price < level.Price) return 0; // between levels, or better than the best
            }
            return long.MaxValue; // deeper than the replicated depth
        }
        ref readonly var q = ref _market.Quote(o.InstrumentId);
        var best = buy ? q.Bid : q.Ask;
        if (best <= 0) return long.MaxValue;
        if (o.Price == best) return buy ? q.BidSize : q.AskSize;
        return (buy ? o.Price > best : o.Price < best) ? 0 : long.MaxValue;
    }

    /// <summary>After a complete book message or a quote: the queue ahead never grows (new size joins behind us) and
    /// shrinks to what is still displayed ("cancels come from the back": a smaller level leaves at most its new size
    /// ahead of us).</summary>
    private void RefreshQueues(int instrumentId)
    {
        for (var i = 0; i < _restingCount; i++)
        {
            ref var o = ref _resting[i];
            if (o.InstrumentId != instrumentId || o.QueueAhead == 0) continue;
            var visible = VisibleAhead(in o);
            if (visible < o.QueueAhead) o.QueueAhead = visible;
        }
    }

    /// <summary>A delta at a resting order's price and side says exactly how much is left there (0: the level emptied).</summary>
    private void ClampQueuesAtLevel(in MarketEvent e)
    {
        var id = e.InstrumentId;
        if ((uint)id >= (uint)_restingByInstrument.Length || _restingByInstrument[id] == 0) return;
        for (var i = 0; i < _restingCount; i++)
        {
            ref var o = ref _resting[i];
            if (o.InstrumentId == id && o.Price == e.Price && o.Side == e.Side && e.Quantity < o.QueueAhead) o.QueueAhead = e.Quantity;
        }
    }

    /// <summary>A print at a resting order's exact price, by an aggressor on the other side (or of unknown side),
    /// consumes the queue ahead of it first; what is left of the print may fill it (<see cref="PaperOrder.QueueFillable"/>).</summary>
    private void ConsumeQueue(in MarketEvent e)
    {
        for (var i = 0; i < _restingCount; i++)
        {
            ref var o = ref _resting[i];
            o.QueueFillable = 0;
            if (o.InstrumentId != e.InstrumentId || o.Price != e.Price || e.Side == o.Side) continue;
            var ahead = o.QueueAhead;
            o.QueueFillable = e.Quantity > ahead ? e.Quantity - ahead : 0;
            o.QueueAhead = ahead > e.Quantity ? ahead - e.Quantity : 0;
        }
    }
}
