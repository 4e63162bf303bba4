using System.Text.Json;
using TBot.Adapters.Simulator;
using TBot.Adapters.Simulator.Market;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Market;
using TBot.Engine.Orders;
using TBot.Engine.Strategy;
using static TBot.Engine.Tests.Strategy.StrategyHarness;

namespace TBot.Engine.Tests.Strategy;

/// <summary>
/// The defaults must make a first run on the built-in simulator trade a bit. The simulator's seeded market model is
/// stepped directly (2,000 steps per second of engine time, as <c>tbot run</c> does by default), its top-of-book
/// changes and trades become ring events, and a naive paper venue fills the strategies' orders: IOC/market against
/// the model's touch, resting limits when a trade prints through them.
/// </summary>
public class SimulatorDefaultsTests
{
    private const int StepsPerSecond = 2_000;
    private const int Seconds = 300;

    [Fact]
    public void Default_parameters_trade_on_the_simulator_within_a_few_minutes()
    {
        var registry = new InstrumentRegistry();
        var model = new MarketModel(SimulatorOptions.DefaultInstruments(), registry, seed: 42, depth: 50);
        var market = new MarketState(registry);
        var bots = new List<PaperBot>();
        foreach (var name in StrategyFactory.Names)
        {
            var problems = new List<string>();
            Assert.True(StrategyFactory.TryCreate(name, bots.Count + 1, new Dictionary<string, JsonElement>(), registry, out var strategy, problems));
            bots.Add(new PaperBot(strategy!, bots.Count + 1, market, registry));
        }

        var stepNs = Second / StepsPerSecond;
        var nextTimer = Start + 100 * Ms;
        var i = 0;
        model.Advance(StepsPerSecond * Seconds, step =>
        {
            var now = Start + i++ * stepNs;
            while (nextTimer <= now)
            {
                Dispatch(Timer(nextTimer), bots, model);
                nextTimer += 100 * Ms;
            }
            var m = step.Market;
            var id = m.Instrument.Id;
            foreach (var t in step.Trades) Dispatch(Trade(id, t.Price, t.Quantity, now) with { Side = t.Aggressor }, bots, model);
            if (step.TopOfBookChanged || market.Quote(id).QuoteUpdatedNs == 0)
                Dispatch(Quote(id, m.Bids.BestPrice, m.Asks.BestPrice, now, m.Bids.BestQuantity, m.Asks.BestQuantity), bots, model);
        });

        foreach (var bot in bots)
        {
            Assert.True(bot.Fills >= 3, $"{bot.Strategy.Name}: {bot.Orders.ReservedCount} orders, {bot.Fills} fills in {Seconds} s");
        }
    }

    private static void Dispatch(in MarketEvent e, List<PaperBot> bots, MarketModel model)
    {
        bots[0].Market.Apply(e);
        foreach (var bot in bots) bot.Handle(e, model);
    }

    /// <summary>One bot with its own orders and a naive paper venue.</summary>
    private sealed class PaperBot(IStrategy strategy, int botId, MarketState market, InstrumentRegistry registry)
    {
        private readonly List<OrderIntent> _resting = [];

        public IStrategy Strategy { get; } = strategy;

        public MarketState Market { get; } = market;

        public FakeOrderView Orders { get; } = new();

        public IntentBuffer Intents { get; } = new(64);

        public int Fills { get; private set; }

        private StrategyContext? _context;

        public void Handle(in MarketEvent e, MarketModel model)
        {
            _context ??= new StrategyContext(botId, Market, registry, Orders, Intents);
            if (e.Kind == MarketEventKind.Trade) FillResting(e);
            Intents.Clear();
            _context.NowNs = e.ReceiveTimeNs;
            Strategy.OnEvent(e, _context);
            for (var k = 0; k < Intents.Count; k++)
            {
                var intent = Intents[k];
                switch (intent.Action)
                {
                    case IntentAction.Submit:
                        Orders.Add(intent);
                        if (intent.TimeInForce == TimeInForce.Ioc || intent.Type == OrderType.Market) TakeNow(intent, model);
                        else _resting.Add(intent);
                        break;
                    case IntentAction.Cancel:
                        if (Orders.StatusOf(intent.TargetClientOrderId) == OrderStatus.Accepted) Orders.SetStatus(intent.TargetClientOrderId, OrderStatus.Cancelled);
                        _resting.RemoveAll(r => r.TargetClientOrderId == intent.TargetClientOrderId);
                        break;
                }
            }
        }

        private void TakeNow(OrderIntent intent, MarketModel model)
        {
            var m = model.Markets.First(x => x.Instrument.Id == intent.InstrumentId);
            var marketable = intent.Type == OrderType.Market
                || (intent.Side == Side.Buy ? intent.Price >= m.Asks.BestPrice : intent.Price <= m.Bids.BestPrice);
            if (marketable)
            {
                Orders.Fill(intent.TargetClientOrderId);
                Fills++;
            }
            else
            {
                Orders.SetStatus(intent.TargetClientOrderId, OrderStatus.Expired);
            }
        }

        private void FillResting(in MarketEvent trade)
        {
            for (var k = _resting.Count - 1; k >= 0; k--)
            {
                var r = _resting[k];
                if (r.InstrumentId != trade.InstrumentId) continue;
                if (r.Side == Side.Buy ? trade.Price <= r.Price : trade.Price >= r.Price)
                {
                    Orders.Fill(r.TargetClientOrderId);
                    Fills++;
                    _resting.RemoveAt(k);
                }
            }
        }
    }
}
