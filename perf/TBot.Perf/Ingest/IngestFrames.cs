using System.Globalization;
using System.Text;
using TBot.Adapters.Okx;
using TBot.Engine.Books;
using TBot.Engine.Instruments;

namespace TBot.Perf.Ingest;

/// <summary>
/// Builds realistic frames for each venue/stream from a seeded random walk (setup cost, not measured).
/// Books are kept by a reference <see cref="OrderBook"/> so OKX checksums are correct and Binance ids are continuous.
/// </summary>
public static class IngestFrames
{
    private const int Frames = 50_000;
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static IReadOnlyList<IngestWorkload> All() =>
    [
        BinanceBookTicker(), BinanceTrade(), BinanceDepth(),
        CoinbaseTicker(), CoinbaseLevel2(),
        OkxBooks(),
    ];

    private static InstrumentRegistry Registry(Venue venue, string symbol, int priceScale, int qtyScale, long tick, long step)
    {
        var r = new InstrumentRegistry();
        r.Add(venue, symbol, priceScale, qtyScale, tick, step);
        return r;
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    // Prices in cents around 50,000.00; sizes in 1e-5 units.
    private static string Px(long cents) => (cents / 100).ToString(C) + "." + (cents % 100).ToString("00", C);

    private static string Qty(long units) => (units / 100_000).ToString(C) + "." + (units % 100_000).ToString("00000", C);

    private static IngestWorkload BinanceBookTicker()
    {
        var rng = new Random(1);
        var frames = new byte[Frames][];
        long mid = 5_000_000;
        for (var i = 0; i < Frames; i++)
        {
            mid += rng.Next(-3, 4);
            frames[i] = Utf8($"{{\"stream\":\"btcusdt@bookTicker\",\"data\":{{\"u\":{400900217 + i},\"s\":\"BTCUSDT\",\"b\":\"{Px(mid - 1)}\",\"B\":\"{Qty(rng.Next(1, 500_000))}\",\"a\":\"{Px(mid + 1)}\",\"A\":\"{Qty(rng.Next(1, 500_000))}\"}}}}");
        }
        return new IngestWorkload(Venue.Binance, "bookTicker", Registry(Venue.Binance, "BTCUSDT", 2, 5, 1, 1), null, false, null, frames);
    }

    private static IngestWorkload BinanceTrade()
    {
        var rng = new Random(2);
        var frames = new byte[Frames][];
        long px = 5_000_000;
        const long t0 = 1_700_000_000_000;
        for (var i = 0; i < Frames; i++)
        {
            px += rng.Next(-3, 4);
            frames[i] = Utf8($"{{\"stream\":\"btcusdt@trade\",\"data\":{{\"e\":\"trade\",\"E\":{t0 + i},\"s\":\"BTCUSDT\",\"t\":{12345 + i},\"p\":\"{Px(px)}\",\"q\":\"{Qty(rng.Next(1, 100_000))}\",\"T\":{t0 + i},\"m\":{(rng.Next(2) == 0 ? "true" : "false")},\"M\":true}}}}");
        }
        return new IngestWorkload(Venue.Binance, "trade", Registry(Venue.Binance, "BTCUSDT", 2, 5, 1, 1), null, false, null, frames);
    }

    private static IngestWorkload BinanceDepth()
    {
        var rng = new Random(3);
        var book = SeedBook(rng, out var snapshotBids, out var snapshotAsks);
        var snapshot = Utf8($"{{\"lastUpdateId\":1000,\"bids\":[{Levels(snapshotBids)}],\"asks\":[{Levels(snapshotAsks)}]}}");
        var frames = new byte[Frames][];
        long id = 1000;
        const long t0 = 1_700_000_000_000;
        for (var i = 0; i < Frames; i++)
        {
            var (bids, asks) = RandomChanges(rng, book, 3);
            var first = id + 1;
            id += 1 + rng.Next(0, 3);
            frames[i] = Utf8($"{{\"stream\":\"btcusdt@depth@100ms\",\"data\":{{\"e\":\"depthUpdate\",\"E\":{t0 + i},\"s\":\"BTCUSDT\",\"U\":{first},\"u\":{id},\"b\":[{Levels(bids)}],\"a\":[{Levels(asks)}]}}}}");
        }
        return new IngestWorkload(Venue.Binance, "depth", Registry(Venue.Binance, "BTCUSDT", 2, 5, 1, 1), snapshot, true,
            "https://api.binance.com/api/v3/depth?symbol=BTCUSDT&limit=1000", frames);
    }

    private static IngestWorkload CoinbaseTicker()
    {
        var rng = new Random(4);
        var frames = new byte[Frames][];
        long mid = 5_000_000;
        for (var i = 0; i < Frames; i++)
        {
            mid += rng.Next(-3, 4);
            frames[i] = Utf8($"{{\"channel\":\"ticker\",\"client_id\":\"\",\"timestamp\":\"2023-11-14T22:13:20.{i % 1_000_000:000000}Z\",\"sequence_num\":{i},\"events\":[{{\"type\":\"update\",\"tickers\":[{{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"price\":\"{Px(mid)}\",\"volume_24_h\":\"1234.56789\",\"low_24_h\":\"49000.00\",\"high_24_h\":\"51000.00\",\"low_52_w\":\"15000.00\",\"high_52_w\":\"69000.00\",\"price_percent_chg_24_h\":\"1.2\",\"best_bid\":\"{Px(mid - 1)}\",\"best_bid_quantity\":\"{Qty(rng.Next(1, 500_000))}\",\"best_ask\":\"{Px(mid + 1)}\",\"best_ask_quantity\":\"{Qty(rng.Next(1, 500_000))}\"}}]}}]}}");
        }
        return new IngestWorkload(Venue.Coinbase, "ticker", Registry(Venue.Coinbase, "BTC-USD", 2, 5, 1, 1), null, false, null, frames);
    }

    private static IngestWorkload CoinbaseLevel2()
    {
        var rng = new Random(5);
        var book = SeedBook(rng, out var snapshotBids, out var snapshotAsks);
        var snapshot = Utf8($"{{\"channel\":\"l2_data\",\"client_id\":\"\",\"timestamp\":\"2023-11-14T22:13:20.000000Z\",\"sequence_num\":0,\"events\":[{{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\",\"updates\":[{CoinbaseUpdates(snapshotBids, snapshotAsks)}]}}]}}");
        var frames = new byte[Frames][];
        for (var i = 0; i < Frames; i++)
        {
            var (bids, asks) = RandomChanges(rng, book, 3);
            frames[i] = Utf8($"{{\"channel\":\"l2_data\",\"client_id\":\"\",\"timestamp\":\"2023-11-14T22:13:20.{i % 1_000_000:000000}Z\",\"sequence_num\":{i + 1},\"events\":[{{\"type\":\"update\",\"product_id\":\"BTC-USD\",\"updates\":[{CoinbaseUpdates(bids, asks)}]}}]}}");
        }
        return new IngestWorkload(Venue.Coinbase, "level2", Registry(Venue.Coinbase, "BTC-USD", 2, 5, 1, 1), snapshot, false, null, frames);
    }

    private static IngestWorkload OkxBooks()
    {
        var rng = new Random(6);
        var registry = Registry(Venue.Okx, "BTC-USDT", 2, 5, 1, 1);
        var book = SeedBook(rng, out var snapshotBids, out var snapshotAsks);
        var bidsTop = new BookLevel[25];
        var asksTop = new BookLevel[25];
        int Checksum()
        {
            var nb = book.Bids.CopyTop(bidsTop);
            var na = book.Asks.CopyTop(asksTop);
            return OkxBookChecksum.Compute(bidsTop.AsSpan(0, nb), asksTop.AsSpan(0, na), 2, 5);
        }
        long seq = 1000;
        const long t0 = 1_700_000_000_000;
        var snapshot = Utf8($"{{\"arg\":{{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}},\"action\":\"snapshot\",\"data\":[{{\"asks\":[{OkxLevels(snapshotAsks)}],\"bids\":[{OkxLevels(snapshotBids)}],\"ts\":\"{t0}\",\"checksum\":{Checksum()},\"prevSeqId\":-1,\"seqId\":{seq}}}]}}");
        var frames = new byte[Frames][];
        for (var i = 0; i < Frames; i++)
        {
            var (bids, asks) = RandomChanges(rng, book, 3);
            var prev = seq;
            seq += 1 + rng.Next(0, 5);
            frames[i] = Utf8($"{{\"arg\":{{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}},\"action\":\"update\",\"data\":[{{\"asks\":[{OkxLevels(asks)}],\"bids\":[{OkxLevels(bids)}],\"ts\":\"{t0 + i}\",\"checksum\":{Checksum()},\"prevSeqId\":{prev},\"seqId\":{seq}}}]}}");
        }
        return new IngestWorkload(Venue.Okx, "books", registry, snapshot, false, null, frames);
    }

    /// <summary>A 100-level book around 50,000.00 (cents), returned with its levels for the snapshot frame.</summary>
    private static OrderBook SeedBook(Random rng, out List<(long, long)> bids, out List<(long, long)> asks)
    {
        var book = new OrderBook(1, 512);
        bids = [];
        asks = [];
        for (var i = 0; i < 100; i++)
        {
            var bq = (long)rng.Next(1, 1_000_000);
            var aq = (long)rng.Next(1, 1_000_000);
            bids.Add((4_999_999 - i, bq));
            asks.Add((5_000_001 + i, aq));
            book.Bids.Set(4_999_999 - i, bq, 2, 5);
            book.Asks.Set(5_000_001 + i, aq, 2, 5);
        }
        return book;
    }

    /// <summary>Changes near the top that keep the book uncrossed: size changes, removals and re-adds.</summary>
    private static (List<(long, long)> Bids, List<(long, long)> Asks) RandomChanges(Random rng, OrderBook book, int n)
    {
        var bids = new List<(long, long)>();
        var asks = new List<(long, long)>();
        for (var k = 0; k < n; k++)
        {
            var bid = rng.Next(2) == 0;
            var price = bid ? 4_999_999 - rng.Next(0, 30) : 5_000_001 + rng.Next(0, 30);
            // Never empty the best level entirely on both sides at once; removals are allowed deeper.
            var qty = rng.Next(0, 6) == 0 && (bid ? price < 4_999_999 : price > 5_000_001) ? 0 : rng.Next(1, 1_000_000);
            (bid ? bids : asks).Add((price, qty));
            book.SideOf(bid).Set(price, qty, 2, 5);
        }
        return (bids, asks);
    }

    private static string Levels(List<(long Price, long Qty)> levels) =>
        string.Join(",", levels.Select(l => $"[\"{Px(l.Price)}\",\"{Qty(l.Qty)}\"]"));

    private static string OkxLevels(List<(long Price, long Qty)> levels) =>
        string.Join(",", levels.Select(l => $"[\"{Px(l.Price)}\",\"{Qty(l.Qty)}\",\"0\",\"{1 + l.Qty % 9}\"]"));

    private static string CoinbaseUpdates(List<(long Price, long Qty)> bids, List<(long Price, long Qty)> asks) =>
        string.Join(",", bids.Select(l => $"{{\"side\":\"bid\",\"event_time\":\"2023-11-14T22:13:20.000000Z\",\"price_level\":\"{Px(l.Price)}\",\"new_quantity\":\"{Qty(l.Qty)}\"}}")
            .Concat(asks.Select(l => $"{{\"side\":\"offer\",\"event_time\":\"2023-11-14T22:13:20.000000Z\",\"price_level\":\"{Px(l.Price)}\",\"new_quantity\":\"{Qty(l.Qty)}\"}}")));
}
