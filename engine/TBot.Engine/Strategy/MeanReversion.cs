using TBot.Engine.Events;
using TBot.Engine.Orders;

namespace TBot.Engine.Strategy;

/// <summary>
/// Trades one instrument against its recent mean. Trades build time bars (aligned to multiples of the bar length in
/// engine time); a bar closes on the first timer or trade at or after its end, and its close (last trade price; bars
/// without trades are skipped) enters a rolling window. On each trade and timer, the z-score of the last trade price
/// against the window decides: below −entry buy, above +entry sell (up to the maximum position), inside ±exit trade
/// back toward flat. Orders are marketable IOC limits (touch ± slippage) or market orders, one at a time, at most one
/// per cooldown.
/// </summary>
public sealed class MeanReversion : IStrategy
{
    public const string StrategyName = "mean-reversion";

    /// <summary><see cref="OrderIntent.Tag"/> of orders that open or grow a position, and of orders toward flat.</summary>
    public const int EntryTag = 1;
    public const int ExitTag = 2;

    /// <summary>An IOC that is still open after this long is cancelled (a lost report must not block the strategy).</summary>
    private const long StuckOrderNs = 5_000_000_000;

    private readonly MeanReversionSettings _settings;
    private readonly int _instrumentId;
    private readonly long _tick;
    private readonly long _step;
    private readonly RollingWindow _window;
    private long _barEndNs;
    private long _barClose;
    private bool _barHasTrade;
    private OrderSlot _order;
    private long _lastOrderNs;
    private bool _hasOrdered;

    public MeanReversion(MeanReversionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.BarNs <= 0) throw new ArgumentOutOfRangeException(nameof(settings), "BarNs must be positive.");
        if (settings.OrderSize <= 0) throw new ArgumentOutOfRangeException(nameof(settings), "OrderSize must be positive.");
        _settings = settings;
        _instrumentId = settings.Instrument.Id;
        _tick = PriceGrid.Unit(settings.Instrument.TickSize);
        _step = PriceGrid.Unit(settings.Instrument.StepSize);
        _window = new RollingWindow(settings.WindowBars);
    }

    public string Name => StrategyName;

    public MeanReversionSettings Settings => _settings;

    /// <summary>Closed bars in the window (for tests and diagnostics).</summary>
    public RollingWindow Window => _window;

    public void OnEvent(in MarketEvent e, StrategyContext context)
    {
        var isTimer = e.Kind == MarketEventKind.Timer;
        if (!isTimer && e.InstrumentId != _instrumentId) return;
        // A closed candle (bar data) counts as a trade at its close, stamped at the bar's close time.
        var isTrade = e.Kind == MarketEventKind.Trade || (e.Kind == MarketEventKind.Candle && !e.Has(EventFlags.Provisional));
        var now = context.NowNs;
        if (isTimer || isTrade) RollBar(now);
        if (isTrade)
        {
            _barClose = e.Price;
            _barHasTrade = true;
        }

        _order.Sync(context.Orders);
        if (!context.CanTrade)
        {
            _order.RequestCancel(context, _instrumentId, now);
            return;
        }
        if (_order.IsLive)
        {
            // Stuck only if the market moved on meanwhile: on bar data an IOC waits for the next bar, with no event
            // of its instrument in between.
            if (now - _order.PlacedNs >= StuckOrderNs && context.Market.Quote(_instrumentId).UpdatedNs > _order.PlacedNs)
                _order.RequestCancel(context, _instrumentId, now);
            return;
        }
        if (isTimer || isTrade) Decide(context, now);
    }

    /// <summary>Close the current bar when <paramref name="now"/> reached its end; start the bar containing now.</summary>
    private void RollBar(long now)
    {
        if (_barEndNs != 0 && now < _barEndNs) return;
        if (_barEndNs != 0 && _barHasTrade) _window.Add(_barClose);
        _barHasTrade = false;
        _barEndNs = now - now % _settings.BarNs + _settings.BarNs;
    }

    private void Decide(StrategyContext context, long now)
    {
        if (!_window.IsFull || _window.StdDev <= 0) return;
        if (_hasOrdered && now - _lastOrderNs < _settings.CooldownNs) return;
        ref readonly var quote = ref context.Market.Quote(_instrumentId);
        if (quote.LastPrice <= 0 || !context.Market.IsTradable(_instrumentId, now, _settings.MaxQuoteAgeNs)) return;

        var z = _window.ZScore(quote.LastPrice);
        var position = context.Position(_instrumentId);
        var max = _settings.MaxPosition;
        if (z < -_settings.EntryZ)
        {
            Send(context, Side.Buy, Math.Min(_settings.OrderSize, max - position), EntryTag, now);
        }
        else if (z > _settings.EntryZ)
        {
            Send(context, Side.Sell, Math.Min(_settings.OrderSize, max + position), EntryTag, now);
        }
        else if (Math.Abs(z) < _settings.ExitZ && position != 0)
        {
            Send(context, position > 0 ? Side.Sell : Side.Buy, Math.Min(_settings.OrderSize, Math.Abs(position)), ExitTag, now);
        }
    }

    private void Send(StrategyContext context, Side side, long quantity, int tag, long now)
    {
        quantity = PriceGrid.Floor(quantity, _step);
        if (quantity <= 0) return;
        long id;
        long price = 0;
        if (_settings.UseMarketOrders)
        {
            id = context.Submit(_instrumentId, side, OrderType.Market, 0, quantity, TimeInForce.Ioc, tag);
        }
        else
        {
            ref readonly var quote = ref context.Market.Quote(_instrumentId);
            var slippage = _settings.SlippageTicks * _tick;
            price = side == Side.Buy
                ? PriceGrid.Ceiling(quote.Ask + slippage, _tick)
                : Math.Max(_tick, PriceGrid.Floor(quote.Bid - slippage, _tick));
            id = context.Submit(_instrumentId, side, OrderType.Limit, price, quantity, TimeInForce.Ioc, tag);
        }
        _order.Placed(id, price, now);
        _lastOrderNs = now;
        _hasOrdered = true;
    }
}
