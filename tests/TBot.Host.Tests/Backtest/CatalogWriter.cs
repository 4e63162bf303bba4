using System.Text.Json;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;

namespace TBot.Host.Tests.Backtest;

/// <summary>Writes small history catalogs for tests: <c>DIR/{venue}/{symbol}/{kind}/{day}/</c> journal leaves with
/// the catalog metadata in the manifest's config, as the history fetcher lays them out.</summary>
internal sealed class CatalogWriter : IDisposable
{
    public static readonly long Day0 = (new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks) * 100;

    public CatalogWriter()
    {
        Root = Path.Combine(Path.GetTempPath(), $"tbot-bt-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Segment size of the leaves written (the journal's default is 64 MiB; opening a segment allocates once).</summary>
    public long SegmentBytes { get; init; } = 64L << 20;

    /// <summary>Write one leaf holding <paramref name="events"/> (instrument id 1 = <paramref name="instrument"/>).</summary>
    public void Leaf(Venue venue, string symbol, int priceScale, int quantityScale, string kind, DateOnly day, IEnumerable<MarketEvent> events)
    {
        var venueName = VenueNames.Name(venue);
        var dir = Path.Combine(Root, venueName, symbol, kind, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var registry = new InstrumentRegistry();
        registry.Add(venue, symbol, priceScale, quantityScale, 1, 1);
        var config = JsonSerializer.SerializeToElement(new { catalog = new { venue = venueName, symbol, kind, day = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), complete = true } });
        var manifest = JournalManifest.Create(registry.All, config);
        using var writer = JournalWriter.Open(new JournalOptions { Directory = dir, FsyncPolicy = FsyncPolicy.None, SegmentBytes = SegmentBytes }, manifest, out _);
        foreach (var e in events)
        {
            var copy = e;
            copy.InstrumentId = 1;
            writer.AppendEvent(in copy);
        }
        writer.Flush();
    }

    public static MarketEvent Candle(long atNs, long open, long high, long low, long close, long volume) => new()
    {
        Kind = MarketEventKind.Candle, Venue = Venue.Binance, Open = open, High = high, Low = low, Price = close, Volume = volume,
        ReceiveTimeNs = atNs, ExchangeTimeNs = atNs,
    };

    public static MarketEvent Quote(long atNs, long bid, long bidSize, long ask, long askSize) => new()
    {
        Kind = MarketEventKind.Quote, Venue = Venue.Binance, Bid = bid, BidSize = bidSize, Ask = ask, AskSize = askSize, ReceiveTimeNs = atNs, ExchangeTimeNs = atNs,
    };

    public static MarketEvent Trade(long atNs, long price, long quantity, Side aggressor, long id) => new()
    {
        Kind = MarketEventKind.Trade, Venue = Venue.Binance, Price = price, Quantity = quantity, Side = aggressor, TradeId = id, ReceiveTimeNs = atNs, ExchangeTimeNs = atNs,
    };

    /// <summary>A seeded random walk of quotes and trades (one event every <paramref name="stepNs"/>), the same on every call.</summary>
    public static IEnumerable<MarketEvent> RandomWalk(int seed, long startNs, int count, long mid, long stepNs, long size)
    {
        var rng = new Random(seed);
        var t = startNs;
        for (var i = 0; i < count; i++)
        {
            t += stepNs;
            mid += rng.Next(-3, 4) * (mid / 20_000 + 1);
            if (i % 4 == 3) yield return Trade(t, mid + (rng.Next(2) == 0 ? -1 : 1), size / 10 + 1, rng.Next(2) == 0 ? Side.Buy : Side.Sell, i + 1);
            else yield return Quote(t, mid - 1, size, mid + 1, size);
        }
    }

    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
