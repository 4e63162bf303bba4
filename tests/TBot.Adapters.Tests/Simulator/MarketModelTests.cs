using TBot.Adapters.Simulator;
using TBot.Adapters.Simulator.Market;
using TBot.Engine.Books;
using TBot.Engine.Events;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Tests.Simulator;

public class MarketModelTests
{
    private static MarketModel NewModel(ulong seed, int depth = 50) =>
        new(SimulatorOptions.DefaultInstruments(), new InstrumentRegistry(), seed, depth);

    [Fact]
    public void SameSeed_SameMarkets()
    {
        var a = NewModel(123);
        var b = NewModel(123);
        a.Advance(20_000);
        b.Advance(20_000);
        foreach (var m in a.Markets)
        {
            var sa = a.Snapshot(m);
            var sb = b.Snapshot(b.Markets[m.Index]);
            Assert.True(sa.SameLevels(sb), m.Spec.Symbol);
            Assert.Equal(sa.Sequence, sb.Sequence);
            Assert.Equal(sa.LastTradeId, sb.LastTradeId);
        }
    }

    [Fact]
    public void DifferentSeed_DifferentMarkets()
    {
        var a = NewModel(1);
        var b = NewModel(2);
        a.Advance(1_000);
        b.Advance(1_000);
        Assert.False(a.Snapshot(Venue.Binance, "BTCUSDT").SameLevels(b.Snapshot(Venue.Binance, "BTCUSDT")));
    }

    [Fact]
    public void Books_StayUncrossed_TickAndStepAligned_AndNearDepth()
    {
        var model = NewModel(99, depth: 30);
        var steps = 0;
        model.Advance(50_000, step =>
        {
            steps++;
            var m = step.Market;
            Assert.True(m.Bids.Count > 0 && m.Asks.Count > 0);
            Assert.True(m.Bids.BestPrice < m.Asks.BestPrice, $"crossed {m.Spec.Symbol} at step {steps}");
            if (steps % 97 != 0) return;
            foreach (var side in new[] { m.Bids, m.Asks })
            {
                Assert.InRange(side.Count, 25, 35);
                for (var i = 0; i < side.Count; i++)
                {
                    Assert.Equal(0, side.PriceAt(i) % m.Spec.TickSize);
                    Assert.Equal(0, side.QuantityAt(i) % m.Spec.StepSize);
                    Assert.True(side.QuantityAt(i) > 0);
                    if (i > 0) Assert.True(side.IsBid ? side.PriceAt(i) < side.PriceAt(i - 1) : side.PriceAt(i) > side.PriceAt(i - 1));
                }
            }
        });
    }

    [Fact]
    public void Steps_UseContiguousSequences_AndConsecutiveTradeIds_PerInstrument()
    {
        var model = NewModel(5);
        var lastSequence = model.Markets.ToDictionary(m => m.Index, m => m.Sequence);
        var lastTrade = model.Markets.ToDictionary(m => m.Index, m => m.LastTradeId);
        model.Advance(20_000, step =>
        {
            var i = step.Market.Index;
            Assert.Equal(lastSequence[i], step.PreviousSequence);
            Assert.Equal(lastSequence[i] + 1, step.FirstSequence);
            Assert.Equal(step.FirstSequence + step.ChangeCount + step.TradeCount - 1, step.LastSequence);
            Assert.True(step.ChangeCount > 0, "every step changes the book");
            lastSequence[i] = step.LastSequence;
            var k = 0;
            foreach (var t in step.Trades)
            {
                Assert.Equal(++lastTrade[i], t.TradeId);
                Assert.True(t.Quantity > 0);
                Assert.Equal(step.FirstSequence + k++, t.Sequence);
            }
        });
        // Ids start beyond 2^32, as on busy real books.
        Assert.All(model.Markets, m => Assert.True(m.Sequence > uint.MaxValue));
    }

    [Fact]
    public void AppliedChanges_RebuildTheAuthoritativeBook()
    {
        // A client applying every step's changes to the initial snapshot ends with exactly the model's book.
        var model = NewModel(11);
        var initial = model.Snapshot(Venue.Okx, "BTC-USDT");
        var book = new OrderBook(initial.Instrument.Id);
        foreach (var l in initial.Bids) book.Bids.Set(l.Price, l.Quantity, 1, 8);
        foreach (var l in initial.Asks) book.Asks.Set(l.Price, l.Quantity, 1, 8);
        model.Advance(30_000, step =>
        {
            if (step.Market.Spec.Symbol != "BTC-USDT") return;
            foreach (var c in step.Changes) book.SideOf(c.Side == Side.Buy).Set(c.Price, c.Quantity, 1, 8);
        });
        var final = model.Snapshot(Venue.Okx, "BTC-USDT");
        Assert.True(final.Matches(book));
        Assert.False(book.IsCrossed);
    }

    [Fact]
    public void TradesPrintAtTheTouch_WithTheAggressorSide()
    {
        var model = NewModel(17);
        var seen = 0;
        model.Advance(10_000, step =>
        {
            foreach (var t in step.Trades)
            {
                seen++;
                // A buyer lifts an ask (and vice versa): the change list holds that level's new size.
                var levelSide = t.Aggressor == Side.Buy ? Side.Sell : Side.Buy;
                Assert.Contains(step.Changes.ToArray(), c => c.Side == levelSide && c.Price == t.Price);
            }
        });
        Assert.True(seen > 100);
    }
}
