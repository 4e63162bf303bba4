using System.Diagnostics;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Orders;

namespace TBot.Perf.Store;

/// <summary>
/// A journal shaped like a trading day's: six instruments on three venues, per 1000 records about 380 quotes, 400 book
/// deltas (a 20-level snapshot now and then), 120 trades, 30 timers and 70 decisions (order submissions, status changes,
/// cancels, 15 fills that move three bots' positions). Seeded, so every run projects the same records.
/// </summary>
public static class MarketMixJournal
{
    private const long StepNs = 10_000; // 100 k records per second of engine time

    private static readonly (Venue Venue, string Symbol, long Mid)[] Symbols =
    [
        (Venue.Binance, "BTCUSDT", 6_500_000), (Venue.Binance, "ETHUSDT", 350_000),
        (Venue.Coinbase, "BTC-USD", 6_500_100), (Venue.Coinbase, "ETH-USD", 350_010),
        (Venue.Okx, "BTC-USDT", 6_499_900), (Venue.Okx, "ETH-USDT", 349_990),
    ];

    /// <summary>Engine times end about now, so rows projected into PostgreSQL land in the day partitions the migration
    /// created, as live data would.</summary>
    public static WrittenJournal Write(string directory, long records, int seed = 17)
    {
        var startNs = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100 - records * StepNs;
        var registry = new InstrumentRegistry();
        var ids = new int[Symbols.Length];
        for (var i = 0; i < Symbols.Length; i++) ids[i] = registry.Add(Symbols[i].Venue, Symbols[i].Symbol, 2, 5, 1, 1).Id;
        var mids = Symbols.Select(s => s.Mid).ToArray();
        var positions = new long[3, Symbols.Length];
        var rng = new Random(seed);
        long time = startNs, tradeId = 1, orderId = 1;

        var started = Stopwatch.GetTimestamp();
        using var writer = JournalWriter.Open(new JournalOptions { Directory = directory, FsyncPolicy = FsyncPolicy.None, BufferBytes = 4 << 20 },
            JournalManifest.Create(registry.All), out _);
        while (writer.LastPosition < records)
        {
            var s = rng.Next(Symbols.Length);
            var e = new MarketEvent { Venue = Symbols[s].Venue, InstrumentId = ids[s], ReceiveTimeNs = time += StepNs, ExchangeTimeNs = time - 1_000_000 };
            mids[s] += rng.Next(-2, 3);
            var roll = rng.Next(1000);
            if (roll < 380)
            {
                e.Kind = MarketEventKind.Quote;
                e.Bid = mids[s] - 1;
                e.Ask = mids[s] + 1;
                e.BidSize = rng.Next(1, 500_000);
                e.AskSize = rng.Next(1, 500_000);
                writer.AppendEvent(e);
            }
            else if (roll < 780)
            {
                if (rng.Next(2_500) == 0 && records - writer.LastPosition > 20)
                {
                    WriteSnapshot(writer, e, mids[s], rng);
                    continue;
                }
                e.Kind = MarketEventKind.BookDelta;
                e.Side = rng.Next(2) == 0 ? Side.Buy : Side.Sell;
                var ticks = rng.Next(1, 20);
                e.Price = e.Side == Side.Buy ? mids[s] - ticks : mids[s] + ticks;
                e.Quantity = rng.Next(10) == 0 ? 0 : rng.Next(1, 1_000_000);
                writer.AppendEvent(e);
            }
            else if (roll < 900)
            {
                e.Kind = MarketEventKind.Trade;
                e.Side = rng.Next(2) == 0 ? Side.Buy : Side.Sell;
                e.Price = mids[s];
                e.Quantity = rng.Next(1, 50_000);
                e.TradeId = tradeId++;
                writer.AppendEvent(e);
            }
            else if (roll < 930)
            {
                writer.AppendEvent(new MarketEvent { Kind = MarketEventKind.Timer, ReceiveTimeNs = time });
            }
            else
            {
                var bot = rng.Next(3) + 1;
                var d = new DecisionRecord
                {
                    BotId = bot, InstrumentId = ids[s], Venue = Symbols[s].Venue, TimeNs = time, OrderType = OrderType.Limit,
                    Side = rng.Next(2) == 0 ? Side.Buy : Side.Sell, ClientOrderId = orderId, Price = mids[s], Quantity = 100,
                };
                if (roll < 960)
                {
                    d.Kind = DecisionKind.OrderSubmitted;
                    d.ToStatus = OrderStatus.Submitted;
                    orderId++;
                }
                else if (roll < 975)
                {
                    d.Kind = DecisionKind.OrderStatusChanged;
                    d.FromStatus = OrderStatus.Submitted;
                    d.ToStatus = OrderStatus.Accepted;
                }
                else if (roll < 985)
                {
                    d.Kind = DecisionKind.CancelRequested;
                }
                else
                {
                    d.Kind = DecisionKind.Fill;
                    d.TradeId = tradeId++;
                    d.Value1 = 5_000; // fee, money at 8 decimals
                    positions[bot - 1, s] += d.Side == Side.Buy ? d.Quantity : -d.Quantity;
                    d.Value2 = positions[bot - 1, s];
                    d.Value3 = rng.Next(-1_000_000, 1_000_000);
                }
                writer.AppendDecision(d);
            }
        }
        writer.Flush();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new WrittenJournal(directory, writer.Manifest, writer.LastPosition, writer.BytesWritten, seconds);
    }

    private static void WriteSnapshot(JournalWriter writer, MarketEvent e, long mid, Random rng)
    {
        e.Kind = MarketEventKind.BookSnapshotLevel;
        for (var level = 0; level < 20; level++)
        {
            e.Side = level < 10 ? Side.Buy : Side.Sell;
            e.Price = level < 10 ? mid - 1 - level : mid + 1 + (level - 10);
            e.Quantity = rng.Next(1, 1_000_000);
            e.Flags = level == 0 ? EventFlags.FirstInMessage : level == 19 ? EventFlags.LastInMessage : EventFlags.None;
            writer.AppendEvent(e);
        }
    }
}
