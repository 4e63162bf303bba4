using TBot.Engine.Events;
using TBot.Engine.Orders;

namespace TBot.Engine.Strategy;

/// <summary>
/// Quotes one bid and one ask around the mid of one instrument. Both quotes shift against the position (inventory
/// skew) so fills tend to bring it back to flat; the side that would push the position beyond the maximum is not
/// quoted. A quote is cancelled when its desired price moves more than the requote threshold, when it gets older
/// than the refresh interval, or when the market goes stale; a side is quoted again only once its previous order is
/// no longer open, so quotes never stack. Bids round down and asks up to the tick, and never cross the book.
/// </summary>
public sealed class MarketMaker : IStrategy
{
    public const string StrategyName = "market-maker";

    /// <summary><see cref="OrderIntent.Tag"/> of the bid and of the ask.</summary>
    public const int BidTag = 1;
    public const int AskTag = 2;

    private readonly MarketMakerSettings _settings;
    private readonly int _instrumentId;
    private readonly long _tick;
    private readonly long _quoteSize;
    private readonly long _requoteDistance;
    private readonly TimeInForce _timeInForce;
    /// <summary>After risk or the venue refuses a quote, wait this long before trying that side again.</summary>
    private readonly long _rejectBackoffNs;
    private OrderSlot _bid;
    private OrderSlot _ask;
    private long _bidRetryNs;
    private long _askRetryNs;

    public MarketMaker(MarketMakerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _tick = PriceGrid.Unit(settings.Instrument.TickSize);
        _quoteSize = PriceGrid.Floor(settings.QuoteSize, PriceGrid.Unit(settings.Instrument.StepSize));
        if (_quoteSize <= 0) throw new ArgumentOutOfRangeException(nameof(settings), "QuoteSize must be at least one step.");
        if (settings.MaxInventory < _quoteSize) throw new ArgumentOutOfRangeException(nameof(settings), "MaxInventory must be at least QuoteSize.");
        _settings = settings;
        _instrumentId = settings.Instrument.Id;
        _requoteDistance = settings.RequoteTicks * _tick;
        _timeInForce = settings.PostOnly ? TimeInForce.PostOnly : TimeInForce.Gtc;
        _rejectBackoffNs = settings.RefreshNs > 0 ? settings.RefreshNs : OrderSlot.CancelRetryNs;
    }

    public string Name => StrategyName;

    public MarketMakerSettings Settings => _settings;

    public void OnEvent(in MarketEvent e, StrategyContext context)
    {
        // Timers drive refreshes; everything else that matters (quotes, books, own order reports) is on the instrument.
        if (e.Kind != MarketEventKind.Timer && e.InstrumentId != _instrumentId) return;
        var now = context.NowNs;
        if (_bid.Sync(context.Orders)) _bidRetryNs = now + _rejectBackoffNs;
        if (_ask.Sync(context.Orders)) _askRetryNs = now + _rejectBackoffNs;

        if (!context.CanTrade)
        {
            _bid.RequestCancel(context, _instrumentId, now);
            _ask.RequestCancel(context, _instrumentId, now);
            return;
        }

        long bidPrice = 0, askPrice = 0;
        var wantBid = false;
        var wantAsk = false;
        if (context.Market.IsTradable(_instrumentId, now, _settings.MaxQuoteAgeNs))
        {
            var position = context.Position(_instrumentId);
            Desired(context, position, out bidPrice, out askPrice);
            wantBid = bidPrice > 0 && position + _quoteSize <= _settings.MaxInventory;
            wantAsk = position - _quoteSize >= -_settings.MaxInventory;
        }
        Manage(ref _bid, _bidRetryNs, Side.Buy, wantBid, bidPrice, BidTag, context, now);
        Manage(ref _ask, _askRetryNs, Side.Sell, wantAsk, askPrice, AskTag, context, now);
    }

    /// <summary>Quote prices around a reservation price shifted against the position, on the tick grid, not crossing the book.</summary>
    private void Desired(StrategyContext context, long position, out long bid, out long ask)
    {
        ref readonly var quote = ref context.Market.Quote(_instrumentId);
        var mid = quote.Mid;
        var max = _settings.MaxInventory;
        var clamped = Math.Clamp(position, -max, max);
        // Long → shift down (sell sooner, buy later); short → shift up.
        var skewMicroBps = (long)((Int128)_settings.InventorySkewMicroBps * clamped / max);
        var reservation = mid - BasisPoints.Of(mid, skewMicroBps);
        var half = BasisPoints.Of(mid, _settings.HalfSpreadMicroBps);
        bid = PriceGrid.Floor(reservation - half, _tick);
        ask = PriceGrid.Ceiling(reservation + half, _tick);
        // A quote on the wrong side of the touch would take liquidity: keep it one tick inside.
        if (bid >= quote.Ask) bid = PriceGrid.Floor(quote.Ask - _tick, _tick);
        if (ask <= quote.Bid) ask = PriceGrid.Ceiling(quote.Bid + _tick, _tick);
        if (ask <= bid) ask = bid + _tick;
    }

    private void Manage(ref OrderSlot slot, long retryNs, Side side, bool want, long price, int tag, StrategyContext context, long now)
    {
        if (slot.IsLive)
        {
            var moved = Math.Abs(price - slot.Price) > _requoteDistance;
            var expired = _settings.RefreshNs > 0 && now - slot.PlacedNs >= _settings.RefreshNs;
            if (!want || moved || expired) slot.RequestCancel(context, _instrumentId, now);
            return;
        }
        if (!want || now < retryNs) return;
        var id = context.Submit(_instrumentId, side, OrderType.Limit, price, _quoteSize, _timeInForce, tag);
        slot.Placed(id, price, now);
    }
}
