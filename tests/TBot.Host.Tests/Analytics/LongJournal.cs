using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Orders;
using TBot.Engine.Risk;
using static TBot.Host.Tests.Analytics.AnalyticsJournal;

namespace TBot.Host.Tests.Analytics;

/// <summary>
/// A crafted journal spanning many hours (so a live projection takes many window seeds), written by the real writer
/// through <see cref="AnalyticsJournal"/>: BTC quotes every 30 s, ETH book deltas every 30 s with a snapshot every 2 h
/// and a quote every hour (the top of book switching between the two), trades, and an order every 4 minutes over both
/// bots × both instruments: limit and market, partial fills spread over up to 2.5 h (across seed times), cancels,
/// expiries, venue rejects, orders never finished; risk rejects, kill switches. Some record times step back a few
/// seconds, several right after an hour boundary (so right after a seed). Deterministic (fixed random seed).
/// </summary>
internal static class LongJournal
{
    public const long Second = 1_000_000_000, Minute = 60 * Second, Hour = 60 * Minute;

    /// <summary>Day 1 21:00 UTC: a 28 h journal crosses two UTC midnights.</summary>
    public static readonly long Start = Day1 + 21 * Hour;

    public static AnalyticsJournal Write(int hours, int randomSeed = 8)
    {
        var rng = new Random(randomSeed);
        var plan = new List<(long T, int Seq, Action<long> Write)>();
        var j = new AnalyticsJournal();
        var seq = 0;
        void At(long t, Action<long> write) => plan.Add((t, seq++, write));
        var end = Start + hours * Hour;

        // BTC: quotes on a random walk; trades.
        long btcMid = 1_000_000;
        var btcMids = new SortedList<long, long>();
        for (var t = Start; t < end; t += 30 * Second)
        {
            btcMid += rng.Next(-300, 301);
            var (bid, ask) = (btcMid - 100, btcMid + 100);
            btcMids[t] = btcMid;
            At(t, x => j.Quote(x, 1, bid, ask));
            if ((t - Start) % (2 * Minute) == 0)
            {
                var price = btcMid + rng.Next(-150, 151);
                At(t + 7 * Second, x => j.Writer.AppendEvent(new MarketEvent { Kind = MarketEventKind.Trade, Venue = Venue.Binance, InstrumentId = 1, ReceiveTimeNs = x, ExchangeTimeNs = x - BinanceFeedNs, Price = price, Quantity = 100 }));
            }
        }

        // ETH: a book (snapshots and deltas), a quote now and then, trades.
        long ethBid = 200_000, ethAsk = 200_040;
        var ethMids = new SortedList<long, long>();
        for (var t = Start + 15 * Second; t < end; t += 30 * Second)
        {
            if ((t - Start) % (2 * Hour) == 15 * Second)
            {
                var (b, a) = (ethBid, ethAsk);
                At(t, x =>
                {
                    for (var level = 0; level < 3; level++)
                    {
                        Book(j, x, MarketEventKind.BookSnapshotLevel, Side.Buy, b - level * 10, 500 + level, level == 0);
                        Book(j, x, MarketEventKind.BookSnapshotLevel, Side.Sell, a + level * 10, 600 + level, false);
                    }
                });
            }
            else
            {
                var step = rng.Next(-20, 21);
                var (oldBid, oldAsk) = (ethBid, ethAsk);
                ethBid += step;
                ethAsk += step;
                var (b, a, size) = (ethBid, ethAsk, 100 + rng.Next(1000));
                At(t, x =>
                {
                    if (b != oldBid)
                    {
                        Book(j, x, MarketEventKind.BookDelta, Side.Buy, oldBid, 0, false);
                        Book(j, x, MarketEventKind.BookDelta, Side.Sell, oldAsk, 0, false);
                    }
                    Book(j, x, MarketEventKind.BookDelta, Side.Buy, b, size, false);
                    Book(j, x, MarketEventKind.BookDelta, Side.Sell, a, size + 1, false);
                });
            }
            ethMids[t] = (ethBid + ethAsk) / 2;
            if ((t - Start) % Hour == 15 * Second + 30 * Minute)
            {
                var (b, a) = (ethBid - 2, ethAsk + 2);
                At(t + Second, x => j.Quote(x, 2, b, a));
            }
            if ((t - Start) % (3 * Minute) == 15 * Second)
            {
                var price = (ethBid + ethAsk) / 2;
                At(t + 9 * Second, x => j.Writer.AppendEvent(new MarketEvent { Kind = MarketEventKind.Trade, Venue = Venue.Okx, InstrumentId = 2, ReceiveTimeNs = x, ExchangeTimeNs = x - OkxFeedNs, Price = price, Quantity = 10 }));
            }
        }

        // Orders: every 4 minutes, bots 1 and 2 on both instruments in turn.
        long cid = 1000;
        var k = 0;
        for (var t = Start + 20 * Second; t < end - 10 * Minute; t += 4 * Minute, k++)
        {
            var bot = 1 + k % 2;
            var instrument = 1 + k / 2 % 2;
            var mid = Near(instrument == 1 ? btcMids : ethMids, t);
            var side = rng.Next(2) == 0 ? Side.Buy : Side.Sell;
            var qty = instrument == 1 ? rng.Next(1_000, 30_001) : rng.Next(1_000, 20_001);
            var id = ++cid;
            var sign = side == Side.Buy ? 1 : -1;
            if (rng.Next(5) == 0)
            {
                var price = mid + sign * rng.Next(0, 120);
                At(t, x => j.Submitted(x, bot, instrument, id, side, OrderType.Market, 0, qty));
                At(t + 3 * Ms, x => j.Status(x, bot, instrument, id, OrderStatus.Submitted, OrderStatus.Accepted));
                At(t + 5 * Ms, x => j.Fill(x, bot, instrument, id, side, OrderType.Market, price, qty, Fee(qty), OrderStatus.Filled, id * 10));
                continue;
            }
            var limit = mid - sign * rng.Next(0, 60);
            At(t, x => j.Submitted(x, bot, instrument, id, side, OrderType.Limit, limit, qty));
            if (rng.Next(20) == 0)
            {
                At(t + 3 * Ms, x => j.Status(x, bot, instrument, id, OrderStatus.Submitted, OrderStatus.Rejected));
                continue;
            }
            At(t + 3 * Ms, x => j.Status(x, bot, instrument, id, OrderStatus.Submitted, OrderStatus.Accepted));
            var outcome = rng.Next(100);
            var when = t + Minute + rng.NextInt64(150 * Minute);
            var filled = 0L;
            var status = OrderStatus.Accepted;
            // Fully filled in one to three parts, or one part then a cancel or an expiry, or never finished.
            var parts = outcome < 40 ? rng.Next(1, 4) : outcome < 60 || (outcome >= 75 && outcome < 95) ? 1 : 0;
            for (var p = 0; p < parts; p++)
            {
                var last = outcome < 40 && p == parts - 1;
                var q = last ? qty - filled : Math.Max(1, (qty - filled) / 3);
                var price = limit + rng.Next(-20, 21);
                var (from, to) = (status, last ? OrderStatus.Filled : OrderStatus.PartiallyFilled);
                var ft = when;
                At(ft, x => j.Fill(x, bot, instrument, id, side, OrderType.Limit, price, q, Fee(q), to, id * 10 + p));
                filled += q;
                status = to;
                when = ft + rng.NextInt64(1, 40 * Minute);
            }
            var st = status;
            if (outcome is >= 40 and < 75)
            {
                At(when, x => j.CancelRequested(x, bot, instrument, id));
                At(when + 4 * Ms, x => j.Status(x, bot, instrument, id, st, OrderStatus.Cancelled));
            }
            else if (outcome is >= 75 and < 85)
            {
                At(when, x => j.Status(x, bot, instrument, id, st, OrderStatus.Expired));
            }
        }
        for (var t = Start + 37 * Minute; t < end; t += 37 * Minute)
        {
            var bot = 1 + (int)((t - Start) / Minute % 2);
            At(t, x => j.RiskRejected(x, bot, bot, bot == 1 ? RiskRejectReason.PriceCollar : RiskRejectReason.MaxOrderQuantity));
        }
        for (var t = Start + 9 * Hour + 11 * Minute; t < end; t += 9 * Hour)
            At(t, x => j.KillSwitch(x, 2, KillSwitchCause.Manual, -777_000_000));

        // Journal order is time order, but some times step back a few seconds (several producers), most often just
        // after an hour boundary, i.e. right after a seed.
        foreach (var (t, _, write) in plan.OrderBy(p => p.T).ThenBy(p => p.Seq))
        {
            var intoHour = (t - Start) % Hour;
            var back = intoHour < 5 * Second ? 6 * Second : rng.Next(50) == 0 ? rng.NextInt64(1, 5 * Second) : 0;
            write(t - back);
        }
        j.Writer.Flush();
        return j;
    }

    private static long Fee(long quantity) => 1_000 + quantity * 37;

    private static long Near(SortedList<long, long> mids, long t)
    {
        var value = mids.Values[0];
        foreach (var (time, mid) in mids)
        {
            if (time > t) break;
            value = mid;
        }
        return value;
    }

    private static void Book(AnalyticsJournal j, long t, MarketEventKind kind, Side side, long price, long quantity, bool first) =>
        j.Writer.AppendEvent(new MarketEvent
        {
            Kind = kind, Venue = Venue.Okx, InstrumentId = 2, ReceiveTimeNs = t, ExchangeTimeNs = t - OkxFeedNs, Side = side,
            Price = price, Quantity = quantity, Flags = first ? EventFlags.FirstInMessage : EventFlags.None,
        });
}
