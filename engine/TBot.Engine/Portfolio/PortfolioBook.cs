using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Market;
using TBot.Engine.Orders;

namespace TBot.Engine.Portfolio;

/// <summary>
/// Positions, realised PnL and fees per bot and instrument: one flat preallocated array, updated by fills on the
/// trading thread. Integer money throughout (see <see cref="Money"/>), so replays reproduce it to the unit.
/// </summary>
public sealed class PortfolioBook
{
    private readonly InstrumentRegistry _instruments;
    private readonly int _stride;
    private readonly Position[] _positions;

    public PortfolioBook(InstrumentRegistry instruments, int maxBotId)
    {
        _instruments = instruments;
        MaxBotId = maxBotId;
        _stride = instruments.Count + 1;
        _positions = new Position[(maxBotId + 1) * _stride];
    }

    public int MaxBotId { get; }

    public int InstrumentSlots => _stride;

    public ref readonly Position Get(int botId, int instrumentId) => ref _positions[botId * _stride + instrumentId];

    /// <summary>Apply one fill of <paramref name="quantity"/> (positive) on <paramref name="side"/> at <paramref name="price"/>.</summary>
    public void ApplyFill(int botId, int instrumentId, Side side, long price, long quantity, long fee)
    {
        var instrument = _instruments[instrumentId];
        int ps = instrument.PriceScale, qs = instrument.QuantityScale;
        ref var p = ref _positions[botId * _stride + instrumentId];
        var sign = side == Side.Buy ? 1L : -1L;
        var notional = Money.Notional(price, ps, quantity, qs);
        p.Fees += fee;
        p.Turnover += notional;
        p.Fills++;
        if (side == Side.Buy) p.BoughtQuantity += quantity;
        else p.SoldQuantity += quantity;

        if (p.Quantity == 0 || Math.Sign(p.Quantity) == sign)
        {
            p.Quantity += sign * quantity;
            p.Cost += sign * notional;
            return;
        }

        // Reducing (and maybe flipping): the closed part realises PnL against its share of the cost.
        var open = Math.Abs(p.Quantity);
        var closing = Math.Min(quantity, open);
        var costShare = (long)((Int128)p.Cost * closing / open);
        var closingNotional = closing == quantity ? notional : Money.Notional(price, ps, closing, qs);
        p.RealizedPnl += -sign * closingNotional - costShare;
        p.Cost -= costShare;
        p.Quantity += sign * closing;
        if (p.Quantity == 0) p.Cost = 0;

        var opening = quantity - closing;
        if (opening > 0)
        {
            p.Quantity += sign * opening;
            p.Cost += sign * Money.Notional(price, ps, opening, qs);
        }
    }

    /// <summary>Value of the position at a mark price minus its cost (0 without a mark).</summary>
    public long Unrealized(int botId, int instrumentId, long markPrice)
    {
        ref readonly var p = ref _positions[botId * _stride + instrumentId];
        if (p.Quantity == 0 || markPrice <= 0) return 0;
        var instrument = _instruments[instrumentId];
        return Money.Notional(markPrice, instrument.PriceScale, p.Quantity, instrument.QuantityScale) - p.Cost;
    }

    /// <summary>Mark for unrealised PnL: mid when two-sided, else last trade price.</summary>
    public static long Mark(MarketState market, int instrumentId)
    {
        ref readonly var q = ref market.Quote(instrumentId);
        return q.HasTwoSidedQuote ? q.Mid : q.LastPrice;
    }

    /// <summary>A bot's total PnL: realised + unrealised at mark − fees, over all instruments.</summary>
    public long TotalPnl(int botId, MarketState market)
    {
        long total = 0;
        var row = botId * _stride;
        for (var i = 1; i < _stride; i++)
        {
            ref readonly var p = ref _positions[row + i];
            if (p.Fills == 0) continue;
            total += p.RealizedPnl - p.Fees + Unrealized(botId, i, Mark(market, i));
        }
        return total;
    }
}
