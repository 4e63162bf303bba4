using System.Text.Json;
using TBot.Engine.Events;
using TBot.Engine.Execution.Paper;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Market;
using TBot.Engine.Orders;
using TBot.Engine.Portfolio;
using TBot.Engine.Risk;
using TBot.Engine.Strategy;
using TBot.Engine.Trading;

namespace TBot.Engine.Tests.Trading;

/// <summary>A trading core with the three sample strategies on two venues and the paper gateway, plus a
/// seeded event generator (quotes, trades, book levels, timers) for determinism and allocation tests.</summary>
internal sealed class TradingCoreFixture
{
    public InstrumentRegistry Registry { get; } = new();
    public TradingCore Core { get; }
    public int Btc { get; }
    public int BtcOkx { get; }
    public int Eth { get; }

    public TradingCoreFixture(IDecisionLog? decisions = null, RiskLimits? limits = null)
    {
        Btc = Registry.Add(Venue.Binance, "BTCUSDT", 2, 5, 1, 1).Id;
        Eth = Registry.Add(Venue.Binance, "ETHUSDT", 2, 4, 1, 1).Id;
        BtcOkx = Registry.Add(Venue.Okx, "BTC-USDT", 1, 8, 1, 1).Id;
        var market = new MarketState(Registry);
        var log = decisions ?? NullDecisionLog.Instance;
        var orders = new OrderManager(Registry, new PortfolioBook(Registry, 8), log);
        var intents = new IntentBuffer();
        var bots = new[]
        {
            Bot(1, "market-maker", new() { ["instrument"] = "\"BTCUSDT@binance\"", ["requote_ticks"] = "0", ["refresh_ms"] = "50", ["half_spread_bps"] = "0.1" }, market, orders, intents),
            Bot(2, "mean-reversion", new() { ["instrument"] = "\"ETHUSDT@binance\"", ["bar_ms"] = "100", ["window_bars"] = "10", ["entry_z"] = "1", ["cooldown_ms"] = "100", ["order_size"] = "\"0.01\"", ["max_position"] = "\"0.05\"" }, market, orders, intents),
            Bot(3, "cross-venue-spread", new() { ["instrument_a"] = "\"BTCUSDT@binance\"", ["instrument_b"] = "\"BTC-USDT@okx\"", ["cooldown_ms"] = "10" }, market, orders, intents),
        };
        var risk = new RiskManager(Registry, limits ?? new RiskLimits { MaxOpenOrders = 8, PriceCollarBps = 200, MaxQuoteAgeMs = 2_000 }, 8);
        var paper = new PaperGateway(Registry, market, new PaperGatewayOptions { LatencyNs = 2_000_000, MakerFeeBps = 1, TakerFeeBps = 5 });
        Core = new TradingCore(market, bots, intents, risk, orders, paper, log);
    }

    private BotInstance Bot(int id, string strategy, Dictionary<string, string> raw, MarketState market, OrderManager orders, IntentBuffer intents)
    {
        var parameters = new Dictionary<string, JsonElement>();
        foreach (var (k, v) in raw) parameters[k] = JsonDocument.Parse(v).RootElement.Clone();
        var problems = new List<string>();
        Assert.True(StrategyFactory.TryCreate(strategy, id, parameters, Registry, out var s, problems), string.Join(" ", problems));
        return new BotInstance(id, strategy, s!, new StrategyContext(id, market, Registry, orders, intents));
    }

    /// <summary>Deterministic market: random walks per instrument, quotes on both venues, trades, timers every 100 ms
    /// of engine time (1 event ≈ 1 ms).</summary>
    public sealed class EventSource(TradingCoreFixture f, int seed)
    {
        private readonly Random _rng = new(seed);
        private long _btc = 6_500_000, _eth = 350_000, _now = 1_700_000_000_000_000_000, _tick, _tradeId;
        private long _nextTimer = 1_700_000_000_100_000_000;

        public void Next(ref MarketEvent e)
        {
            _now += 1_000_000;
            if (_now >= _nextTimer)
            {
                TimerEvents.Write(ref e, ++_tick, _nextTimer, _now);
                _nextTimer += 100_000_000;
                return;
            }
            e = default;
            e.ReceiveTimeNs = _now;
            e.ExchangeTimeNs = _now;
            switch (_rng.Next(5))
            {
                case 0:
                case 1:
                    _btc += _rng.Next(-3, 4);
                    e.Kind = MarketEventKind.Quote; e.Venue = Venue.Binance; e.InstrumentId = f.Btc;
                    e.Bid = _btc - 1; e.Ask = _btc + 1; e.BidSize = 50_000; e.AskSize = 50_000;
                    break;
                case 2:
                    // OKX quotes in tenths, sometimes a few dollars away from Binance: the spread bot's chance.
                    var okxMid = _btc / 10 + _rng.Next(-40, 41);
                    e.Kind = MarketEventKind.Quote; e.Venue = Venue.Okx; e.InstrumentId = f.BtcOkx;
                    e.Bid = okxMid - 1; e.Ask = okxMid + 1; e.BidSize = 500_000; e.AskSize = 500_000;
                    break;
                case 3:
                    _eth += _rng.Next(-40, 41);
                    e.Kind = MarketEventKind.Quote; e.Venue = Venue.Binance; e.InstrumentId = f.Eth;
                    e.Bid = _eth - 1; e.Ask = _eth + 1; e.BidSize = 10_000; e.AskSize = 10_000;
                    break;
                default:
                    e.Kind = MarketEventKind.Trade; e.Venue = Venue.Binance; e.InstrumentId = _rng.Next(2) == 0 ? f.Btc : f.Eth;
                    e.Price = e.InstrumentId == f.Btc ? _btc + _rng.Next(-2, 3) : _eth + _rng.Next(-2, 3);
                    e.Quantity = 1_000; e.TradeId = ++_tradeId; e.Side = _rng.Next(2) == 0 ? Side.Buy : Side.Sell;
                    break;
            }
        }
    }

    public void Enable(long sequence)
    {
        var e = default(MarketEvent);
        ControlEvents.Write(ref e, ControlCommand.EnableTrading, 0, 1_700_000_000_000_000_000);
        Core.Process(in e, sequence);
    }
}
