using System.Text.Json;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Orders;
using TBot.Engine.Risk;

namespace TBot.Host.Tests.Analytics;

/// <summary>A crafted journal written by the real writer: two bots (1 alpha/mm, 2 beta/trend), BTCUSDT@binance and
/// ETH-USDT@okx (price scale 2), two UTC days; every record at an explicit time (ms after a day's midnight).</summary>
internal sealed class AnalyticsJournal : IDisposable
{
    public static readonly JournalInstrument Btc = new() { Id = 1, Venue = "binance", Symbol = "BTCUSDT", PriceScale = 2, QuantityScale = 5, TickSize = 1, StepSize = 1 };
    public static readonly JournalInstrument Eth = new() { Id = 2, Venue = "okx", Symbol = "ETH-USDT", PriceScale = 2, QuantityScale = 4, TickSize = 1, StepSize = 1 };
    /// <summary>2026-01-05T00:00:00Z and the next midnight, Unix ns.</summary>
    public static readonly long Day1 = (new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero).UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
    public static readonly long Day2 = Day1 + 86_400_000_000_000;
    public const long Ms = 1_000_000;
    /// <summary>Feed latency the quotes carry (receive − exchange time): binance 2 ms, okx 5 ms.</summary>
    public const long BinanceFeedNs = 2 * Ms, OkxFeedNs = 5 * Ms;

    public AnalyticsJournal()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tbot-analytics-" + Guid.NewGuid().ToString("N"));
        var config = JsonSerializer.SerializeToElement(new
        {
            bots = new object[] { new { id = 1, name = "alpha", strategy = "mm" }, new { id = 2, name = "beta", strategy = "trend" } },
        });
        Writer = JournalWriter.Open(new JournalOptions { Directory = Path, FsyncPolicy = FsyncPolicy.None },
            new JournalManifest { JournalId = "anly0001", CreatedUtc = new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), Instruments = [Btc, Eth], Config = config }, out _);
    }

    public string Path { get; }
    public JournalWriter Writer { get; }

    public void Quote(long t, int instrument, long bid, long ask)
    {
        var venue = instrument == 1 ? Venue.Binance : Venue.Okx;
        var feed = instrument == 1 ? BinanceFeedNs : OkxFeedNs;
        Writer.AppendEvent(new MarketEvent { Kind = MarketEventKind.Quote, Venue = venue, InstrumentId = instrument, ReceiveTimeNs = t, ExchangeTimeNs = t - feed, Bid = bid, BidSize = 100, Ask = ask, AskSize = 100 });
    }

    public void Submitted(long t, int bot, int instrument, long cid, Side side, OrderType type, long price, long qty) =>
        Decide(t, new DecisionRecord { Kind = DecisionKind.OrderSubmitted, BotId = bot, InstrumentId = instrument, ClientOrderId = cid, Side = side, OrderType = type, Price = price, Quantity = qty });

    public void Status(long t, int bot, int instrument, long cid, OrderStatus from, OrderStatus to) =>
        Decide(t, new DecisionRecord { Kind = DecisionKind.OrderStatusChanged, BotId = bot, InstrumentId = instrument, ClientOrderId = cid, FromStatus = from, ToStatus = to });

    public void Fill(long t, int bot, int instrument, long cid, Side side, OrderType type, long price, long qty, long fee, OrderStatus to, long tradeId) =>
        Decide(t, new DecisionRecord { Kind = DecisionKind.Fill, BotId = bot, InstrumentId = instrument, ClientOrderId = cid, Side = side, OrderType = type, Price = price, Quantity = qty, Value1 = fee, ToStatus = to, TradeId = tradeId });

    public void CancelRequested(long t, int bot, int instrument, long cid) =>
        Decide(t, new DecisionRecord { Kind = DecisionKind.CancelRequested, BotId = bot, InstrumentId = instrument, ClientOrderId = cid });

    public void RiskRejected(long t, int bot, int instrument, RiskRejectReason reason) =>
        Decide(t, new DecisionRecord { Kind = DecisionKind.RiskRejected, BotId = bot, InstrumentId = instrument, Reason = (byte)reason });

    public void KillSwitch(long t, int bot, KillSwitchCause cause, long pnl) =>
        Decide(t, new DecisionRecord { Kind = DecisionKind.KillSwitch, BotId = bot, Reason = (byte)cause, Value2 = pnl });

    private void Decide(long t, DecisionRecord d)
    {
        d.TimeNs = t;
        Writer.AppendDecision(d);
    }

    /// <summary>The scenario of <see cref="AnalyticsProjectionTests"/> (see the comments there for the hand computation).</summary>
    public static AnalyticsJournal Scenario()
    {
        var j = new AnalyticsJournal();
        long D1(long ms) => Day1 + ms * Ms;
        long D2(long ms) => Day2 + ms * Ms;
        // Day 1.
        j.Quote(D1(1000), 1, 1_000_000, 1_000_200);                 // BTC 10000.00 / 10002.00, mid 10001.00
        j.Quote(D1(1001), 2, 200_000, 200_040);                     // ETH 2000.00 / 2000.40, mid 2000.20
        j.Submitted(D1(1010), 1, 1, 11, Side.Buy, OrderType.Limit, 1_000_200, 20_000); // alpha buys 0.2 BTC
        j.Status(D1(1012), 1, 1, 11, OrderStatus.Submitted, OrderStatus.Accepted);
        j.Fill(D1(1020), 1, 1, 11, Side.Buy, OrderType.Limit, 1_000_150, 10_000, 10_000_000, OrderStatus.PartiallyFilled, 1); // 0.1 @ 10001.50, fee 0.1
        j.Fill(D1(1030), 1, 1, 11, Side.Buy, OrderType.Limit, 1_000_200, 10_000, 10_000_000, OrderStatus.Filled, 2);          // 0.1 @ 10002.00, fee 0.1
        j.Submitted(D1(1040), 2, 2, 21, Side.Sell, OrderType.Market, 0, 10_000);        // beta sells 1 ETH at market
        j.Fill(D1(1041), 2, 2, 21, Side.Sell, OrderType.Market, 200_000, 10_000, 20_000_000, OrderStatus.Filled, 3);          // 1 @ 2000.00, fee 0.2
        j.Submitted(D1(1050), 1, 1, 12, Side.Sell, OrderType.Limit, 1_001_000, 10_000); // alpha offers 0.1 BTC
        j.Status(D1(1052), 1, 1, 12, OrderStatus.Submitted, OrderStatus.Accepted);
        j.CancelRequested(D1(1060), 1, 1, 12);
        j.Status(D1(1065), 1, 1, 12, OrderStatus.Accepted, OrderStatus.Cancelled);
        j.RiskRejected(D1(1070), 2, 2, RiskRejectReason.MaxOrderQuantity);
        j.RiskRejected(D1(1080), 1, 1, RiskRejectReason.PriceCollar);
        j.Quote(D1(86_399_000), 1, 1_001_000, 1_001_200);           // BTC mid 10011.00 at the day's end
        j.Quote(D1(86_399_001), 2, 199_000, 199_040);               // ETH mid 1990.20
        // Day 2.
        j.Submitted(D2(1000), 1, 1, 13, Side.Sell, OrderType.Limit, 1_002_000, 30_000); // alpha offers 0.3 BTC
        j.Status(D2(1002), 1, 1, 13, OrderStatus.Submitted, OrderStatus.Accepted);
        j.Fill(D2(1010), 1, 1, 13, Side.Sell, OrderType.Limit, 1_002_000, 10_000, 10_000_000, OrderStatus.PartiallyFilled, 4); // 0.1 @ 10020.00, fee 0.1
        j.KillSwitch(D2(1020), 1, KillSwitchCause.Manual, -1_250_000_000);
        j.Status(D2(1030), 1, 1, 13, OrderStatus.PartiallyFilled, OrderStatus.Expired);
        j.Writer.AppendEvent(new MarketEvent { Kind = MarketEventKind.Quote, Venue = Venue.Okx, InstrumentId = 2, ReceiveTimeNs = D2(1035), Bid = 198_900 }); // one-sided
        j.Submitted(D2(1040), 2, 2, 22, Side.Buy, OrderType.Limit, 198_900, 10_000);    // beta buys 1 ETH back, no mid
        j.Status(D2(1045), 2, 2, 22, OrderStatus.Submitted, OrderStatus.Accepted);
        j.Fill(D2(1050), 2, 2, 22, Side.Buy, OrderType.Limit, 198_900, 10_000, 20_000_000, OrderStatus.Filled, 5); // 1 @ 1989.00, fee 0.2
        j.Quote(D2(1100), 2, 198_500, 198_540);                     // ETH mid 1985.20
        j.Writer.Flush();
        return j;
    }

    public void Dispose()
    {
        Writer.Dispose();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
