using TBot.Adapters.Simulator;
using TBot.Adapters.Simulator.Market;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Tests.Simulator;

/// <summary>
/// Long runs of the market model (what `tbot run --sim-rate 40000` reaches after about a minute): the book must
/// stay dense around the fair value, or its touch drifts percent away and the engine rejects the trades.
/// </summary>
public class MarketReachTests
{
    private const int Depth = 50;

    // ~3 M steps is where, before the book was bounded, prints left the engine's ±10 % band at seed 42.
    private const int Steps = 4_000_000;

    private static (MarketModel Model, InstrumentRegistry Registry) NewModel(ulong seed)
    {
        var registry = new InstrumentRegistry();
        return (new MarketModel(SimulatorOptions.DefaultInstruments(), registry, seed, Depth), registry);
    }

    [Theory]
    [InlineData(42UL)]
    [InlineData(7UL)]
    public void LongRun_EveryLevel_StaysWithinReachOfTheFairValue(ulong seed)
    {
        var (model, _) = NewModel(seed);
        var worst = new long[model.Markets.Count];
        model.Advance(Steps, step =>
        {
            var m = step.Market;
            var fairTick = m.FairPrice / m.Spec.TickSize;
            var bidSpan = fairTick - m.Bids.PriceAt(m.Bids.Count - 1) / m.Spec.TickSize;
            var askSpan = m.Asks.PriceAt(m.Asks.Count - 1) / m.Spec.TickSize - fairTick;
            worst[m.Index] = Math.Max(worst[m.Index], Math.Max(bidSpan, askSpan));
        });
        // Depth levels 1-3 ticks apart span ~2 × Depth ticks; the model allows 4 × Depth from the best valid price.
        foreach (var m in model.Markets) Assert.True(worst[m.Index] <= 4 * Depth + 2, $"{m.Spec.Symbol}: deepest level {worst[m.Index]} ticks from the fair value");
    }

    [Fact]
    public void LongRun_TradesAndMids_PassTheEnginesPriceBand()
    {
        var (model, registry) = NewModel(42);
        var validator = new MarketDataValidator(registry, new ValidationOptions());
        var rejects = 0;
        string? first = null;
        model.Advance(Steps, step =>
        {
            var m = step.Market;
            foreach (var t in step.Trades)
            {
                var e = new MarketEvent
                {
                    Kind = MarketEventKind.Trade, Venue = m.Spec.Venue, InstrumentId = m.Instrument.Id,
                    Price = t.Price, Quantity = t.Quantity, TradeId = t.TradeId,
                };
                Count(validator.Validate(ref e), $"{m.Spec.Symbol} trade {t.Price} (bid {m.Bids.BestPrice}, ask {m.Asks.BestPrice})");
            }
            if (!step.TopOfBookChanged) return;
            var q = new MarketEvent
            {
                Kind = MarketEventKind.Quote, Venue = m.Spec.Venue, InstrumentId = m.Instrument.Id,
                Bid = m.Bids.BestPrice, BidSize = m.Bids.BestQuantity, Ask = m.Asks.BestPrice, AskSize = m.Asks.BestQuantity, UpdateId = step.LastSequence,
            };
            Count(validator.Validate(ref q), $"{m.Spec.Symbol} quote {q.Bid}/{q.Ask}");
        });
        Assert.True(rejects == 0, $"{rejects} rejects, first: {first}");

        void Count(RejectReason reason, string what)
        {
            if (reason == RejectReason.None) return;
            rejects++;
            first ??= $"{reason}: {what}";
        }
    }
}
