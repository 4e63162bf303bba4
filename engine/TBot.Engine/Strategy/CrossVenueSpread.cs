using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Numerics;
using TBot.Engine.Orders;

namespace TBot.Engine.Strategy;

/// <summary>
/// Arbitrage of one symbol quoted on two venues. When one venue's best bid beats the other's best ask by more than
/// the threshold after both taker fees, it sells at that bid and buys at that ask with IOC limits, for the smaller of
/// the configured size and both top sizes, keeping each venue's position within the maximum. Both directions are
/// watched (A's bid over B's ask, and B's bid over A's ask), so the second one unwinds what the first built up. Both
/// books must be tradable with fresh quotes; one pair of legs at a time, at most one per cooldown. Optionally a net
/// position left by a leg that did not fill is traded back to flat before anything else.
/// </summary>
public sealed class CrossVenueSpread : IStrategy
{
    public const string StrategyName = "cross-venue-spread";

    /// <summary><see cref="OrderIntent.Tag"/> of the sell leg, the buy leg and a flattening order.</summary>
    public const int SellLegTag = 1;
    public const int BuyLegTag = 2;
    public const int FlattenTag = 3;

    /// <summary>An IOC still open after this long is cancelled (a lost report must not block the strategy).</summary>
    private const long StuckOrderNs = 5_000_000_000;

    private readonly CrossVenueSpreadSettings _settings;
    private readonly Leg _a;
    private readonly Leg _b;
    private readonly long _commonStep;
    private OrderSlot _sell;
    private OrderSlot _buy;
    private OrderSlot _flatten;
    private int _sellInstrument;
    private int _buyInstrument;
    private int _flattenInstrument;
    private long _lastOrderNs;
    private bool _hasOrdered;

    public CrossVenueSpread(CrossVenueSpreadSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.InstrumentA.Id == settings.InstrumentB.Id) throw new ArgumentException("The two instruments must differ.", nameof(settings));
        if (settings.OrderSize <= 0) throw new ArgumentOutOfRangeException(nameof(settings), "OrderSize must be positive.");
        _settings = settings;
        _a = new Leg(settings.InstrumentA, settings.QuantityScale, settings.TakerFeeAMicroBps);
        _b = new Leg(settings.InstrumentB, settings.QuantityScale, settings.TakerFeeBMicroBps);
        _commonStep = settings.CommonStep;
    }

    public string Name => StrategyName;

    public CrossVenueSpreadSettings Settings => _settings;

    public void OnEvent(in MarketEvent e, StrategyContext context)
    {
        if (e.Kind != MarketEventKind.Timer && e.InstrumentId != _a.Id && e.InstrumentId != _b.Id) return;
        var now = context.NowNs;
        _sell.Sync(context.Orders);
        _buy.Sync(context.Orders);
        _flatten.Sync(context.Orders);
        if (!context.CanTrade)
        {
            _sell.RequestCancel(context, _sellInstrument, now);
            _buy.RequestCancel(context, _buyInstrument, now);
            _flatten.RequestCancel(context, _flattenInstrument, now);
            return;
        }
        if (_sell.IsLive || _buy.IsLive || _flatten.IsLive)
        {
            CancelIfStuck(ref _sell, _sellInstrument, context, now);
            CancelIfStuck(ref _buy, _buyInstrument, context, now);
            CancelIfStuck(ref _flatten, _flattenInstrument, context, now);
            return;
        }
        if (_hasOrdered && now - _lastOrderNs < _settings.CooldownNs) return;
        var market = context.Market;
        var maxAge = _settings.MaxQuoteAgeNs;
        if (!market.IsTradable(_a.Id, now, maxAge) || !market.IsTradable(_b.Id, now, maxAge)) return;

        var positionA = _a.ToCommon(context.Position(_a.Id));
        var positionB = _b.ToCommon(context.Position(_b.Id));
        if (_settings.FlattenNet && TryFlatten(context, positionA, positionB, now)) return;
        if (!TryArbitrage(context, _a, positionA, _b, positionB, now)) TryArbitrage(context, _b, positionB, _a, positionA, now);
    }

    /// <summary>Sell on <paramref name="sell"/> at its bid and buy on <paramref name="buy"/> at its ask when the edge
    /// after both fees beats the threshold.</summary>
    private bool TryArbitrage(StrategyContext context, Leg sell, long sellPosition, Leg buy, long buyPosition, long now)
    {
        ref readonly var sq = ref context.Market.Quote(sell.Id);
        ref readonly var bq = ref context.Market.Quote(buy.Id);
        // Compare in money units (8 decimals), as the venues may quote at different price scales:
        // bid·(1 − fee_sell) > ask·(1 + fee_buy + threshold).
        var proceeds = (Int128)Money.FromPrice(sq.Bid, sell.PriceScale) * (BasisPoints.Whole - sell.FeeMicroBps);
        var cost = (Int128)Money.FromPrice(bq.Ask, buy.PriceScale) * (BasisPoints.Whole + buy.FeeMicroBps + _settings.ThresholdMicroBps);
        if (proceeds <= cost) return false;

        var max = _settings.MaxPosition;
        var size = Math.Min(_settings.OrderSize, Math.Min(sell.ToCommon(sq.BidSize), buy.ToCommon(bq.AskSize)));
        size = Math.Min(size, Math.Min(max + sellPosition, max - buyPosition));
        size = PriceGrid.Floor(size, _commonStep);
        if (size <= 0) return false;

        var sellId = context.Submit(sell.Id, Side.Sell, OrderType.Limit, sq.Bid, sell.FromCommon(size), TimeInForce.Ioc, SellLegTag);
        _sell.Placed(sellId, sq.Bid, now);
        _sellInstrument = sell.Id;
        var buyId = context.Submit(buy.Id, Side.Buy, OrderType.Limit, bq.Ask, buy.FromCommon(size), TimeInForce.Ioc, BuyLegTag);
        _buy.Placed(buyId, bq.Ask, now);
        _buyInstrument = buy.Id;
        _lastOrderNs = now;
        _hasOrdered = true;
        return true;
    }

    /// <summary>Trade a net position back to flat on the venue whose own position it shrinks.</summary>
    private bool TryFlatten(StrategyContext context, long positionA, long positionB, long now)
    {
        var net = positionA + positionB;
        if (net == 0) return false;
        // Too long: sell where we are longest; too short: buy where we are shortest.
        var leg = net > 0 ? (positionA >= positionB ? _a : _b) : (positionA <= positionB ? _a : _b);
        var quantity = PriceGrid.Floor(leg.FromCommon(Math.Abs(net)), leg.Step);
        if (quantity <= 0) return false;
        ref readonly var q = ref context.Market.Quote(leg.Id);
        var slippage = _settings.SlippageTicks * leg.Tick;
        var side = net > 0 ? Side.Sell : Side.Buy;
        var price = side == Side.Buy
            ? PriceGrid.Ceiling(q.Ask + slippage, leg.Tick)
            : Math.Max(leg.Tick, PriceGrid.Floor(q.Bid - slippage, leg.Tick));
        var id = context.Submit(leg.Id, side, OrderType.Limit, price, quantity, TimeInForce.Ioc, FlattenTag);
        _flatten.Placed(id, price, now);
        _flattenInstrument = leg.Id;
        _lastOrderNs = now;
        _hasOrdered = true;
        return true;
    }

    private static void CancelIfStuck(ref OrderSlot slot, int instrumentId, StrategyContext context, long now)
    {
        if (slot.IsLive && now - slot.PlacedNs >= StuckOrderNs) slot.RequestCancel(context, instrumentId, now);
    }

    /// <summary>One venue's instrument with the conversions between its quantity scale and the common one.</summary>
    private sealed class Leg
    {
        private readonly long _factor;

        public Leg(Instrument instrument, int commonScale, long feeMicroBps)
        {
            Id = instrument.Id;
            PriceScale = instrument.PriceScale;
            Tick = PriceGrid.Unit(instrument.TickSize);
            Step = PriceGrid.Unit(instrument.StepSize);
            FeeMicroBps = feeMicroBps;
            _factor = FixedPoint.Pow10(commonScale - instrument.QuantityScale);
        }

        public int Id { get; }

        public int PriceScale { get; }

        public long Tick { get; }

        public long Step { get; }

        public long FeeMicroBps { get; }

        public long ToCommon(long quantity) => quantity * _factor;

        /// <summary>Exact for multiples of the common step; rounds toward zero otherwise.</summary>
        public long FromCommon(long quantity) => quantity / _factor;
    }
}
