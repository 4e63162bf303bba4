using TBot.Engine.Backtest;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;

namespace TBot.Perf.Backtest;

/// <summary>
/// Book-level history for the backtest benchmark: BTCUSDT and ETHUSDT on binance, one catalog leaf each
/// (<c>DIR/binance/{symbol}/book/{day}/</c>), a 20-level snapshot then a seeded stream of single-level book deltas
/// (60 %), quotes (20 %) and trades (20 %) every 100 µs. Written once per size and reused.
/// </summary>
public static class BacktestDataset
{
    public static readonly long StartNs = (new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks) * 100;

    public static InstrumentRegistry Registry()
    {
        var registry = new InstrumentRegistry();
        registry.Add(Venue.Binance, "BTCUSDT", 2, 5, 1, 1);
        registry.Add(Venue.Binance, "ETHUSDT", 2, 4, 1, 1);
        return registry;
    }

    /// <summary>The two leaves of <paramref name="eventsPerInstrument"/> events each under <paramref name="root"/>, in
    /// merge order, writing them first when missing.</summary>
    public static List<BacktestLeaf> Ensure(string root, int eventsPerInstrument)
    {
        var registry = Registry();
        var leaves = new List<BacktestLeaf>();
        var seed = 1;
        foreach (var instrument in registry.All)
        {
            var dir = Path.Combine(root, $"n{eventsPerInstrument}", "binance", instrument.Symbol, "book", "2026-01-05");
            if (!File.Exists(Path.Combine(dir, "done")))
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
                Write(dir, instrument, eventsPerInstrument, seed, instrument.Symbol == "BTCUSDT" ? 6_500_000 : 350_000);
                File.WriteAllText(Path.Combine(dir, "done"), "");
            }
            var map = new int[2];
            map[1] = instrument.Id;
            leaves.Add(new BacktestLeaf(dir, StartNs, map));
            seed++;
        }
        return leaves;
    }

    private static void Write(string dir, Instrument instrument, int count, int seed, long mid)
    {
        var single = new InstrumentRegistry();
        single.Add(instrument.Venue, instrument.Symbol, instrument.PriceScale, instrument.QuantityScale, instrument.TickSize, instrument.StepSize);
        var manifest = JournalManifest.Create(single.All);
        using var writer = JournalWriter.Open(new JournalOptions { Directory = dir, FsyncPolicy = FsyncPolicy.None, SegmentBytes = 256L << 20 }, manifest, out _);
        var rng = new Random(seed);
        var t = StartNs + seed * 37_000;
        var e = default(MarketEvent);
        const int depth = 20;
        for (var i = 0; i < 2 * depth; i++)
        {
            var bid = i < depth;
            e = default;
            e.Kind = MarketEventKind.BookSnapshotLevel;
            e.Venue = Venue.Binance;
            e.InstrumentId = 1;
            e.Side = bid ? Side.Buy : Side.Sell;
            e.Price = bid ? mid - 1 - i : mid + 1 + (i - depth);
            e.Quantity = 10_000 + rng.Next(100_000);
            e.Flags = (i == 0 ? EventFlags.FirstInMessage : 0) | (i == 2 * depth - 1 ? EventFlags.LastInMessage : 0);
            e.ReceiveTimeNs = e.ExchangeTimeNs = t;
            writer.AppendEvent(in e);
        }
        long tradeId = 0;
        for (var i = 2 * depth; i < count; i++)
        {
            t += 100_000;
            var roll = rng.Next(10);
            e = default;
            e.Venue = Venue.Binance;
            e.InstrumentId = 1;
            e.ReceiveTimeNs = e.ExchangeTimeNs = t;
            if (roll < 6)
            {
                // A level within 10 ticks of the mid changes size (0 = removed, re-added later).
                var bid = rng.Next(2) == 0;
                e.Kind = MarketEventKind.BookDelta;
                e.Side = bid ? Side.Buy : Side.Sell;
                e.Price = bid ? mid - 1 - rng.Next(10) : mid + 1 + rng.Next(10);
                e.Quantity = rng.Next(8) == 0 ? 0 : 10_000 + rng.Next(100_000);
                e.Flags = EventFlags.FirstInMessage | EventFlags.LastInMessage;
            }
            else if (roll < 8)
            {
                if (rng.Next(4) == 0) mid += rng.Next(-1, 2);
                e.Kind = MarketEventKind.Quote;
                e.Bid = mid - 1;
                e.Ask = mid + 1;
                e.BidSize = 10_000 + rng.Next(100_000);
                e.AskSize = 10_000 + rng.Next(100_000);
            }
            else
            {
                e.Kind = MarketEventKind.Trade;
                var buy = rng.Next(2) == 0;
                e.Side = buy ? Side.Buy : Side.Sell;
                e.Price = buy ? mid + 1 : mid - 1;
                e.Quantity = 1_000 + rng.Next(20_000);
                e.TradeId = ++tradeId;
            }
            writer.AppendEvent(in e);
        }
        writer.Flush();
    }
}
