using TBot.Adapters.History;
using TBot.Adapters.Simulator;
using TBot.Adapters.Simulator.Faults;
using TBot.Adapters.Simulator.History;
using TBot.Adapters.Tests.Simulator;
using TBot.Engine.Events;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Tests.History;

public class HistoryFetchTests
{
    private const long MinuteMs = 60_000;

    [Fact]
    public async Task SimulatorHistory_SameSeedSameRange_SameBodies_OtherSeedDiffers()
    {
        await using var a = await HistoryRig.StartAsync();
        await using var b = await HistoryRig.StartAsync();
        await using var other = await HistoryRig.StartAsync(o => o.Seed = 12);
        var ct = SimTest.Timeout(30);
        var (from, _) = HistoryRig.RangeAcrossMidnight(2);
        string[] queries =
        [
            $"/api/v3/aggTrades?symbol=BTCUSDT&startTime={from}&endTime={from + 3_599_999}&limit=1000",
            $"/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime={from}&endTime={from + 3_600_000}&limit=1000",
        ];
        foreach (var q in queries)
        {
            var (sa, ba, _) = await SimTest.GetAsync(a.RestBase(Venue.Binance), q, ct);
            var (sb, bb, _) = await SimTest.GetAsync(b.RestBase(Venue.Binance), q, ct);
            var (_, bo, _) = await SimTest.GetAsync(other.RestBase(Venue.Binance), q, ct);
            Assert.Equal(200, sa);
            Assert.Equal(200, sb);
            Assert.True(ba.Length > 1000, ba);
            Assert.Equal(ba, bb);
            Assert.NotEqual(ba, bo);
        }
        var okx = $"/api/v5/market/history-trades?instId=BTC-USDT&type=2&after={from + 600_000}&limit=100";
        var (_, oa, _) = await SimTest.GetAsync(a.RestBase(Venue.Okx), okx, ct);
        var (_, ob, _) = await SimTest.GetAsync(b.RestBase(Venue.Okx), okx, ct);
        Assert.Contains("\"tradeId\"", oa, StringComparison.Ordinal);
        Assert.Equal(oa, ob);
    }

    [Fact]
    public async Task Tape_CandlesAggregateTheTrades()
    {
        var spec = SimulatorOptions.DefaultInstruments()[0];
        var tape = new HistoryTape(5, spec, 60);
        var minute = 29_000_000L;
        var trades = new List<HistoryTrade>();
        for (var m = minute; m < minute + 5; m++) tape.TradesOfMinute(m, trades);
        Assert.True(tape.TryCandle(minute * MinuteMs, 5 * MinuteMs, long.MaxValue, out var c));
        Assert.Equal(trades[0].Price, c.Open);
        Assert.Equal(trades[^1].Price, c.Close);
        Assert.Equal(trades.Max(t => t.Price), c.High);
        Assert.Equal(trades.Min(t => t.Price), c.Low);
        Assert.Equal(trades.Sum(t => t.Quantity), c.Volume);
        Assert.Equal(300, c.TradeCount);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => trades[0].Id + i), trades.Select(t => t.Id));
        Assert.True(trades.Zip(trades.Skip(1)).All(p => p.First.TimeMs <= p.Second.TimeMs));
    }

    [Fact]
    public async Task BinanceTrades_ThreeHoursAcrossMidnight_EqualTheSimulatorsTruth()
    {
        await using var rig = await HistoryRig.StartAsync();
        var ct = SimTest.Timeout(60);
        var (from, to) = HistoryRig.RangeAcrossMidnight(3);
        var report = await rig.FetchAsync(Venue.Binance, "BTCUSDT", CatalogKind.Trades, from, to, ct: ct);
        Assert.Null(report.Error);

        var tape = rig.Host.History.Find(Venue.Binance, "BTCUSDT")!;
        var truth = new List<HistoryTrade>();
        for (var m = from / MinuteMs; m < to / MinuteMs; m++) tape.TradesOfMinute(m, truth);
        var records = HistoryRig.Records(rig.Root, Venue.Binance, "BTCUSDT", CatalogKind.Trades);
        Assert.Equal(3 * 60 * 60, truth.Count);
        Assert.Equal(truth.Count, records.Count);
        Assert.Equal(truth.Count, report.Records);
        for (var i = 0; i < truth.Count; i++)
        {
            var (time, e) = records[i];
            Assert.Equal(MarketEventKind.Trade, e.Kind);
            Assert.Equal(truth[i].Id, e.TradeId);
            Assert.Equal(truth[i].Price, e.Price);
            Assert.Equal(truth[i].Quantity, e.Quantity);
            Assert.Equal(truth[i].TimeMs * 1_000_000, e.ExchangeTimeNs);
            Assert.Equal(e.ExchangeTimeNs, time);
            Assert.Equal(truth[i].BuyerIsMaker ? Side.Sell : Side.Buy, e.Side);
            Assert.Equal(1, e.InstrumentId);
        }
        Assert.Equal(2, report.Days.Count);
        Assert.All(report.Days, d => Assert.Equal(0, d.Gaps));
        Assert.All(report.Days, d => Assert.False(d.Complete)); // 1.5 h of each day only
        var first = HistoryRig.Info(report.Days[0].Path);
        Assert.Equal("trades", first.Kind);
        Assert.Equal("fetch", first.Source);
        Assert.Equal(5400, first.Stats["records"]);
        Assert.Empty(first.Gaps);

        // A second run over the same range adds nothing: it resumes after the last trade.
        var again = await rig.FetchAsync(Venue.Binance, "BTCUSDT", CatalogKind.Trades, from, to, ct: ct);
        Assert.Null(again.Error);
        Assert.Equal(0, again.Records);
        Assert.Equal(truth.Count, HistoryRig.Records(rig.Root, Venue.Binance, "BTCUSDT", CatalogKind.Trades).Count);
    }

    [Fact]
    public async Task BinanceKlines_ThreeHours_MatchTheTradesAndCloseTimes()
    {
        await using var rig = await HistoryRig.StartAsync();
        var ct = SimTest.Timeout(60);
        var (from, to) = HistoryRig.RangeAcrossMidnight(3);
        var report = await rig.FetchAsync(Venue.Binance, "ETHUSDT", CatalogKind.Klines, from, to, ct: ct);
        Assert.Null(report.Error);
        var tape = rig.Host.History.Find(Venue.Binance, "ETHUSDT")!;
        var records = HistoryRig.Records(rig.Root, Venue.Binance, "ETHUSDT", CatalogKind.Klines);
        Assert.Equal(180, records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var (time, e) = records[i];
            var open = from + i * MinuteMs;
            Assert.True(tape.TryCandle(open, MinuteMs, long.MaxValue, out var c));
            Assert.Equal(MarketEventKind.Candle, e.Kind);
            Assert.Equal(open, e.FirstUpdateId);
            Assert.Equal(open * 1_000_000, e.ExchangeTimeNs);
            Assert.Equal((open + MinuteMs) * 1_000_000, time); // record time = close
            Assert.Equal((c.Open, c.High, c.Low, c.Close, c.Volume), (e.Open, e.High, e.Low, e.Price, e.Volume));
        }
        Assert.Equal("1m", HistoryRig.Info(report.Days[0].Path).Interval);
    }

    [Fact]
    public async Task Okx_TradesAndCandles_TwoHours_EqualTheSimulatorsTruth()
    {
        await using var rig = await HistoryRig.StartAsync(o => o.HistoryTradesPerMinute = 15);
        var ct = SimTest.Timeout(90);
        var (from, to) = HistoryRig.RangeAcrossMidnight(2);
        var trades = await rig.FetchAsync(Venue.Okx, "BTC-USDT", CatalogKind.Trades, from, to, ct: ct);
        Assert.Null(trades.Error);
        var tape = rig.Host.History.Find(Venue.Okx, "BTC-USDT")!;
        var truth = new List<HistoryTrade>();
        for (var m = from / MinuteMs; m < to / MinuteMs; m++) tape.TradesOfMinute(m, truth);
        var records = HistoryRig.Records(rig.Root, Venue.Okx, "BTC-USDT", CatalogKind.Trades);
        Assert.Equal(truth.Select(t => (t.Id, t.Price, t.Quantity, t.TimeMs * 1_000_000)), records.Select(r => (r.Event.TradeId, r.Event.Price, r.Event.Quantity, r.TimeNs)));

        var candles = await rig.FetchAsync(Venue.Okx, "BTC-USDT", CatalogKind.Klines, from, to, ct: ct);
        Assert.Null(candles.Error);
        var bars = HistoryRig.Records(rig.Root, Venue.Okx, "BTC-USDT", CatalogKind.Klines);
        Assert.Equal(120, bars.Count);
        for (var i = 0; i < bars.Count; i++)
        {
            Assert.True(tape.TryCandle(from + i * MinuteMs, MinuteMs, long.MaxValue, out var c));
            Assert.Equal(from + i * MinuteMs, bars[i].Event.FirstUpdateId);
            Assert.Equal((c.Open, c.High, c.Low, c.Close), (bars[i].Event.Open, bars[i].Event.High, bars[i].Event.Low, bars[i].Event.Price));
            Assert.Equal((from + (i + 1) * MinuteMs) * 1_000_000, bars[i].TimeNs);
        }
    }

    [Theory]
    [InlineData(Venue.Binance, "BTCUSDT")]
    [InlineData(Venue.Okx, "ETH-USDT")]
    public async Task Resume_AfterDroppedPageAnd429_RecordIdenticalToAnUninterruptedFetch(Venue venue, string symbol)
    {
        await using var rig = await HistoryRig.StartAsync(o => o.HistoryTradesPerMinute = venue == Venue.Okx ? 10 : 120);
        var ct = SimTest.Timeout(120);
        var (from, to) = HistoryRig.RangeAcrossMidnight(2);
        var clean = Path.Combine(rig.Root, "clean");
        var resumed = Path.Combine(rig.Root, "resumed");
        Assert.Null((await rig.FetchAsync(venue, symbol, CatalogKind.Trades, from, to, clean, ct: ct)).Error);
        var expected = HistoryRig.Records(clean, venue, symbol, CatalogKind.Trades);

        // A page cut off mid-body with no retries allowed: the fetch stops part way, what it wrote stays.
        rig.Host.Faults.InjectNext(FaultKind.DropHistoryPage, venue);
        var firstRun = await rig.FetchAsync(venue, symbol, CatalogKind.Trades, from, to, resumed, attempts: 1, ct: ct);
        Assert.NotNull(firstRun.Error);
        Assert.Equal(1, rig.Host.FaultCounters[FaultKind.DropHistoryPage]);
        var partial = HistoryRig.Records(resumed, venue, symbol, CatalogKind.Trades);
        Assert.True(partial.Count < expected.Count, $"{partial.Count} of {expected.Count}");

        // Then a 429 with Retry-After in the middle of the rerun: honoured, the rerun completes the range.
        rig.Host.Faults.InjectNext(FaultKind.RateLimit429, venue);
        var second = await rig.FetchAsync(venue, symbol, CatalogKind.Trades, from, to, resumed, ct: ct);
        Assert.Null(second.Error);
        Assert.Equal(1, rig.Host.FaultCounters[FaultKind.RateLimit429]);
        var actual = HistoryRig.Records(resumed, venue, symbol, CatalogKind.Trades);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected, actual);
        var ids = actual.Select(r => r.Event.TradeId).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.True(ids.Zip(ids.Skip(1)).All(p => p.Second == p.First + 1), "ids consecutive");
    }

    [Fact]
    public async Task DroppedPage_WithRetries_IsRefetchedInTheSameRun()
    {
        await using var rig = await HistoryRig.StartAsync(o => o.Faults = [FaultRule.Parse("DropHistoryPage:every=3:venue=binance")]);
        var ct = SimTest.Timeout(60);
        var (from, to) = HistoryRig.RangeAcrossMidnight(2);
        var report = await rig.FetchAsync(Venue.Binance, "BTCUSDT", CatalogKind.Trades, from, to, ct: ct);
        Assert.Null(report.Error);
        Assert.True(rig.Host.FaultCounters[FaultKind.DropHistoryPage] >= 2);
        Assert.Equal(2 * 3600, HistoryRig.Records(rig.Root, Venue.Binance, "BTCUSDT", CatalogKind.Trades).Count);
    }

    [Fact]
    public async Task A_day_held_by_another_writer_stops_the_fetch_with_the_reason()
    {
        await using var rig = await HistoryRig.StartAsync();
        var ct = SimTest.Timeout(30);
        var (from, to) = HistoryRig.RangeAcrossMidnight(2);
        var instrument = new InstrumentRegistry().Add(Venue.Binance, "BTCUSDT", 2, 5, 1, 1);
        using (CatalogDayWriter.Open(rig.Root, instrument, CatalogKind.Trades, CatalogLayout.DayOfMs(from), "fetch", null))
        {
            var report = await rig.FetchAsync(Venue.Binance, "BTCUSDT", CatalogKind.Trades, from, to, ct: ct);
            Assert.NotNull(report.Error);
            Assert.Contains("another writer", report.Error, StringComparison.Ordinal);
        }
        var after = await rig.FetchAsync(Venue.Binance, "BTCUSDT", CatalogKind.Trades, from, to, ct: ct);
        Assert.Null(after.Error);
        Assert.Equal(7200, HistoryRig.Records(rig.Root, Venue.Binance, "BTCUSDT", CatalogKind.Trades).Count);
    }

    [Theory]
    [InlineData(Venue.Binance, "BTCUSDT")]
    [InlineData(Venue.Okx, "BTC-USDT")]
    public async Task Book_takes_depth_snapshots_until_to_and_refuses_a_past_range(Venue venue, string symbol)
    {
        await using var rig = await HistoryRig.StartAsync();
        var ct = SimTest.Timeout(30);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var past = await rig.FetchAsync(venue, symbol, CatalogKind.Book, now - 3_600_000, now - 60_000, ct: ct);
        Assert.Contains("REST serves only the current depth", past.Error, StringComparison.Ordinal);

        var report = await rig.FetchAsync(venue, symbol, CatalogKind.Book, now, now + 1_500, ct: ct);
        Assert.Null(report.Error);
        var records = HistoryRig.Records(rig.Root, venue, symbol, CatalogKind.Book);
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal(MarketEventKind.BookSnapshotLevel, r.Event.Kind));
        Assert.Contains(records, r => r.Event.Side == Side.Buy);
        Assert.Contains(records, r => r.Event.Side == Side.Sell);
        Assert.True(records.Zip(records.Skip(1)).All(p => p.First.TimeNs <= p.Second.TimeNs));
        // One snapshot: every level at one time, as many levels as the simulator's book shows (both sides).
        var firstSnapshot = records.TakeWhile(r => r.TimeNs == records[0].TimeNs).Count();
        Assert.Equal(2 * rig.Host.Options.BookDepth, firstSnapshot);
    }
}
