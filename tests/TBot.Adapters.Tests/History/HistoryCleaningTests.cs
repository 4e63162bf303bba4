using System.Globalization;
using TBot.Adapters.History;
using TBot.Engine.Events;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Tests.History;

/// <summary>Each bad-input class on crafted REST pages, through the real fetch path (RestClient, page parser, cleaner, catalog).</summary>
public class HistoryCleaningTests
{
    private static readonly long T0 = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static string Agg(long id, string price, long timeMs, string qty = "0.01000000") =>
        $$"""{"a":{{id}},"p":"{{price}}","q":"{{qty}}","f":{{id}},"l":{{id}},"T":{{timeMs}},"m":false,"M":true}""";

    private static async Task<(HistoryFetchReport Report, string Root, CraftedPages Server)> FetchAsync(string path, string page, CatalogKind kind, string empty = "[]")
    {
        var root = Path.Combine(Path.GetTempPath(), $"tbot-clean-{Guid.NewGuid():N}");
        var server = new CraftedPages(new() { [path] = page }, empty);
        using var http = new HttpClient(server) { BaseAddress = new Uri("http://venue.test") };
        var instrument = new InstrumentRegistry().Add(Venue.Binance, "BTCUSDT", 2, 5, 1, 1);
        var fetcher = new HistoryFetcher(HistoryRest.Create(Venue.Binance, http, 1), new HistoryFetchOptions { OutputDirectory = root, Kind = kind, PageAttempts = 1 });
        var report = await fetcher.FetchAsync([instrument], T0, T0 + 3_600_000, TestContext.Current.CancellationToken);
        return (report, root, server);
    }

    [Fact]
    public async Task Trades_DuplicatesOutliersGapsBadNumbersNonPositiveAndBackwardsTime_AreDroppedCountedOrListed()
    {
        string[] rows =
        [
            Agg(100, "65000.00000000", T0 + 1_000),
            Agg(101, "65001.00000000", T0 + 2_000),
            Agg(102, "65002.00000000", T0 + 3_000),
            Agg(103, "65001.00000000", T0 + 4_000),
            Agg(104, "65000.00000000", T0 + 5_000),
            Agg(104, "65000.00000000", T0 + 5_000),   // duplicate
            Agg(105, "65x00.00000000", T0 + 6_000),   // bad_number (its id is lost: a gap before 106)
            Agg(106, "99000.00000000", T0 + 7_000),   // outlier: price_out_of_band
            Agg(107, "0.00000000", T0 + 8_000),       // non_positive_price
            Agg(108, "65001.00000000", T0 + 4_500),   // non_monotonic_timestamp
            Agg(110, "65003.00000000", T0 + 9_000),   // 109 never came: sequence_gap
            Agg(111, "65004.00000000", T0 + 9_000),
            Agg(112, "65004.001", T0 + 9_500),        // finer than the tick: tick_misaligned
        ];
        var (report, root, server) = await FetchAsync("/api/v3/aggTrades", "[" + string.Join(",", rows) + "]", CatalogKind.Trades);
        try
        {
            Assert.Null(report.Error);
            var records = HistoryRig.Records(root, Venue.Binance, "BTCUSDT", CatalogKind.Trades);
            Assert.Equal([100L, 101, 102, 103, 104, 110, 111], records.Select(r => r.Event.TradeId));
            Assert.True(records.Zip(records.Skip(1)).All(p => p.First.TimeNs <= p.Second.TimeNs));
            var info = HistoryRig.Info(report.Days.Single().Path);
            Assert.Equal(1, info.Stats["duplicate"]);
            Assert.Equal(1, info.Stats["bad_number"]);
            Assert.Equal(1, info.Stats["price_out_of_band"]);
            Assert.Equal(1, info.Stats["non_positive_price"]);
            Assert.Equal(1, info.Stats["non_monotonic_timestamp"]);
            Assert.Equal(1, info.Stats["tick_misaligned"]);
            Assert.Equal(2, info.Stats["sequence_gap"]);
            Assert.Equal(7, info.Stats["records"]);
            Assert.Equal([(104L, 106L, 1L), (108L, 110L, 1L)], info.Gaps.Select(g => (g.AfterId, g.BeforeId, g.Missing)));
            Assert.Equal("sequence_gap", info.Gaps[0].Reason);
            // The first page was found by time window; the fetch goes on by id after the last stored trade (111), and the
            // empty answer ends it.
            Assert.Equal(2, server.Requests.Count);
            Assert.Contains("startTime=" + T0.ToString(CultureInfo.InvariantCulture), server.Requests[0], StringComparison.Ordinal);
            Assert.Contains("fromId=112", server.Requests[1], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Klines_MissingBarsDuplicatesInconsistentAndBadRows()
    {
        static string K(long open, string o, string h, string l, string c) =>
            $$"""[{{open}},"{{o}}","{{h}}","{{l}}","{{c}}","1.00000000",{{open + 59_999}},"65000.00",10,"0.5","32500.00","0"]""";
        const long M = 60_000;
        string[] rows =
        [
            K(T0, "100.00", "101.00", "99.00", "100.50"),
            K(T0 + M, "100.50", "101.00", "100.00", "100.75"),
            K(T0 + M, "100.50", "101.00", "100.00", "100.75"),          // duplicate
            K(T0 + 2 * M, "100.75", "100.80", "100.70", "101.00"),      // high below close: price_out_of_band
            K(T0 + 5 * M, "101.00", "101.50", "100.90", "101.25"),      // minutes 3 and 4 missing: sequence_gap
            $$"""[{{T0 + 6 * M}},"1o1.25","101.50","101.00","101.40","1.0",{{T0 + 7 * M - 1}},"0",1,"0","0","0"]""", // bad_number
            K(T0 + 7 * M, "101.40", "101.60", "101.30", "101.50"),      // minute 6 missing (its row was unreadable)
        ];
        var (report, root, _) = await FetchAsync("/api/v3/klines", "[" + string.Join(",", rows) + "]", CatalogKind.Klines);
        try
        {
            Assert.Null(report.Error);
            var records = HistoryRig.Records(root, Venue.Binance, "BTCUSDT", CatalogKind.Klines);
            Assert.Equal([T0, T0 + M, T0 + 5 * M, T0 + 7 * M], records.Select(r => r.Event.FirstUpdateId));
            Assert.Equal((T0 + 8 * M) * 1_000_000, records[^1].TimeNs);
            var info = HistoryRig.Info(report.Days.Single().Path);
            Assert.Equal(1, info.Stats["duplicate"]);
            Assert.Equal(1, info.Stats["price_out_of_band"]);
            Assert.Equal(1, info.Stats["bad_number"]);
            Assert.Equal(3, info.Stats["sequence_gap"]);
            Assert.Equal([2L, 1L], info.Gaps.Select(g => g.Missing));
            Assert.Equal("1m", info.Interval);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task VenueErrorBody_StopsTheFetch_WithTheVenuesMessage()
    {
        var (report, root, _) = await FetchAsync("/api/v3/aggTrades", """{"code":-1121,"msg":"Invalid symbol."}""", CatalogKind.Trades);
        try
        {
            Assert.NotNull(report.Error);
            Assert.Contains("Invalid symbol.", report.Error, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_short_first_window_page_continues_by_id()
    {
        // The first hour holds 2 trades: the fetch must go on with fromId, not stop at the short page.
        var (report, root, server) = await FetchAsync("/api/v3/aggTrades", "[" + Agg(7, "65000.00000000", T0 + 1_000) + "," + Agg(8, "65000.01000000", T0 + 2_000) + "]", CatalogKind.Trades);
        try
        {
            Assert.Null(report.Error);
            Assert.Equal(2, server.Requests.Count);
            Assert.Contains("fromId=9", server.Requests[1], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
