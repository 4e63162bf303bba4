using System.Text.Json;
using TBot.Engine.Events;
using TBot.Engine.Instruments;

namespace TBot.Host.Tests.Backtest;

/// <summary><c>tbot backtest</c> end to end (in-process, as the binary runs it) on crafted catalogs.</summary>
public sealed class BacktestCommandTests
{
    private const long Minute = 60_000_000_000;

    /// <summary>
    /// Five 1-minute ETHUSDT klines, mean reversion with window 2, entry 0.5 z, exit 0.1 z, market orders of 1:
    /// closes 100, 102, 98 → z(98) = −3 against [100, 102] → buy at bar 3's close, filled at bar 4's open 99.00 + 1
    /// tick = 99.01 (taker 10 bps: fee 0.09901); at bar 4 close 100: z = 0 against [102, 98] → sell to flat, filled
    /// at bar 5's open 101.00 − 1 tick = 100.99 (fee 0.10099); realised 1.98, PnL 1.98 − 0.2 = 1.78. At bar 5,
    /// z(101) = 2 against [98, 100] → a short entry that no later bar fills (open at the end).
    /// </summary>
    [Fact]
    public async Task Hand_checked_mean_reversion_on_klines_fills_at_next_bar_opens_with_fees_and_pnl_to_the_unit()
    {
        using var catalog = new CatalogWriter();
        var t = CatalogWriter.Day0;
        catalog.Leaf(Venue.Binance, "ETHUSDT", 2, 3, "klines", new DateOnly(2026, 1, 5),
        [
            CatalogWriter.Candle(t + 1 * Minute, 10_000, 10_050, 9_950, 10_000, 1_000_000),
            CatalogWriter.Candle(t + 2 * Minute, 10_000, 10_250, 9_990, 10_200, 1_000_000),
            CatalogWriter.Candle(t + 3 * Minute, 10_200, 10_210, 9_790, 9_800, 1_000_000),
            CatalogWriter.Candle(t + 4 * Minute, 9_900, 10_100, 9_700, 10_000, 1_000_000),
            CatalogWriter.Candle(t + 5 * Minute, 10_100, 10_150, 10_050, 10_100, 1_000_000),
        ]);
        var config = catalog.WriteFile("bt.json", """
            { "bots": [ { "id": 1, "name": "mr", "strategy": "mean-reversion", "parameters": {
                "instrument": "ETHUSDT@binance", "bar_ms": 1000, "window_bars": 2, "entry_z": "0.5", "exit_z": "0.1",
                "order_size": "1", "max_position": "1", "order_type": "market", "cooldown_ms": 0, "max_quote_age_ms": 1000 } } ],
              "timerMs": 60000, "execution": { "paper": { "latencyMs": 0, "makerFeeBps": 0, "takerFeeBps": 10 } } }
            """);
        var json = Path.Combine(catalog.Root, "out.json");
        Assert.Equal(0, await Program.MainAsync(["backtest", "--data", catalog.Root, "--config", config, "--json", json]));

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var r = doc.RootElement;
        Assert.Equal(5, r.GetProperty("events").GetInt64());
        Assert.True(r.GetProperty("trades").GetInt64() == 2, File.ReadAllText(json));
        Assert.Equal(3, r.GetProperty("orders").GetInt64());
        Assert.True(1.78m == r.GetProperty("pnl").GetDecimal(), File.ReadAllText(json));
        Assert.Equal(0.2m, r.GetProperty("fees").GetDecimal());
        Assert.Equal(1.0, r.GetProperty("win_rate").GetDouble());
        Assert.Equal(200m, r.GetProperty("turnover").GetDecimal()); // 99.01 + 100.99
        Assert.Equal("next-bar", r.GetProperty("fill_model").GetProperty("bars").GetString());
        var trades = r.GetProperty("trade_list").EnumerateArray().ToList();
        Assert.Equal(2, trades.Count);
        Assert.Equal(("buy", "99.01", "1", 0.09901m), (trades[0].GetProperty("side").GetString(), trades[0].GetProperty("price").GetString(), trades[0].GetProperty("quantity").GetString(), trades[0].GetProperty("fee").GetDecimal()));
        Assert.Equal(("sell", "100.99", 0.10099m, 1.98m), (trades[1].GetProperty("side").GetString(), trades[1].GetProperty("price").GetString(), trades[1].GetProperty("fee").GetDecimal(), trades[1].GetProperty("realised").GetDecimal()));
        var bot = r.GetProperty("bots")[0];
        Assert.Equal(1.98m, bot.GetProperty("realised").GetDecimal());
        Assert.Equal(1, bot.GetProperty("round_trips").GetInt64());
    }

    /// <summary>The four ETHUSDT prints and the mean-reversion configuration of the trades-only hand check.</summary>
    internal static CatalogWriter TradesOnlyCatalog(out string config)
    {
        var catalog = new CatalogWriter();
        var t = CatalogWriter.Day0;
        catalog.Leaf(Venue.Binance, "ETHUSDT", 2, 3, "trades", new DateOnly(2026, 1, 5),
        [
            CatalogWriter.Trade(t + 1 * Minute, 10_000, 10_000, Side.Buy, 1),
            CatalogWriter.Trade(t + 2 * Minute, 10_200, 10_000, Side.Buy, 2),
            CatalogWriter.Trade(t + 3 * Minute, 9_800, 10_000, Side.Sell, 3),
            CatalogWriter.Trade(t + 4 * Minute, 10_000, 10_000, Side.Buy, 4),
        ]);
        config = catalog.WriteFile("bt.json", """
            { "bots": [ { "id": 1, "name": "mr", "strategy": "mean-reversion", "parameters": {
                "instrument": "ETHUSDT@binance", "bar_ms": 60000, "window_bars": 2, "entry_z": "0.5", "exit_z": "0.1",
                "order_size": "1", "max_position": "1", "order_type": "market", "cooldown_ms": 0, "max_quote_age_ms": 1000 } } ],
              "timerMs": 60000, "execution": { "paper": { "latencyMs": 0, "makerFeeBps": 0, "takerFeeBps": 10 } } }
            """);
        return catalog;
    }

    /// <summary>
    /// Trades only (no quotes, no book): each print sets a quote one tick either side of it. Four ETHUSDT prints, one
    /// per minute (each closes the bar before it, as a candle would), mean reversion with window 2, entry 0.5 z, exit 0.1 z, market orders of 1: bars close
    /// 100, 102; the print at 98 has z = −3 against [100, 102] → buy at its ask 98.01 (taker 10 bps: fee 0.09801);
    /// the print at 100 has z = 0 against [102, 98] → sell to flat at its bid 99.99 (fee 0.09999); realised 1.98,
    /// PnL 1.98 − 0.198 = 1.782.
    /// </summary>
    [Fact]
    public async Task Hand_checked_mean_reversion_on_trades_only_fills_one_tick_through_each_print()
    {
        using var catalog = TradesOnlyCatalog(out var config);
        var json = Path.Combine(catalog.Root, "out.json");
        Assert.Equal(0, await Program.MainAsync(["backtest", "--data", catalog.Root, "--config", config, "--json", json]));

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var r = doc.RootElement;
        Assert.Equal(4, r.GetProperty("events").GetInt64());
        Assert.True(r.GetProperty("trades").GetInt64() == 2, File.ReadAllText(json));
        Assert.True(1.782m == r.GetProperty("pnl").GetDecimal(), File.ReadAllText(json));
        Assert.Equal(0.198m, r.GetProperty("fees").GetDecimal());
        Assert.Equal(["ETHUSDT@binance"], r.GetProperty("data").GetProperty("trade_quote_instruments").EnumerateArray().Select(x => x.GetString()));
        var trades = r.GetProperty("trade_list").EnumerateArray().ToList();
        Assert.Equal(("buy", "98.01"), (trades[0].GetProperty("side").GetString(), trades[0].GetProperty("price").GetString()));
        Assert.Equal(("sell", "99.99", 1.98m), (trades[1].GetProperty("side").GetString(), trades[1].GetProperty("price").GetString(), trades[1].GetProperty("realised").GetDecimal()));
    }

    [Fact]
    public async Task Two_runs_on_the_same_book_data_give_the_same_state_hash_and_the_same_json_but_for_timing()
    {
        using var catalog = BookCatalog(out _);
        var a = Path.Combine(catalog.Root, "a.json");
        var b = Path.Combine(catalog.Root, "b.json");
        Assert.Equal(0, await Program.MainAsync(["backtest", "--data", catalog.Root, "--json", a, "--sample-ms", "1000"]));
        Assert.Equal(0, await Program.MainAsync(["backtest", "--data", catalog.Root, "--json", b, "--sample-ms", "1000"]));
        var first = WithoutTiming(a);
        Assert.Equal(first, WithoutTiming(b));
        using var doc = JsonDocument.Parse(File.ReadAllText(a));
        Assert.True(doc.RootElement.GetProperty("fills").GetInt64() > 0, "the sample bots should trade the random walk");
        Assert.Equal("queue", doc.RootElement.GetProperty("fill_model").GetProperty("book").GetString());
        Assert.Equal(40_000, doc.RootElement.GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task From_and_to_select_the_window_and_skip_days_outside_it()
    {
        using var catalog = BookCatalog(out var dayTwo);
        var json = Path.Combine(catalog.Root, "w.json");
        // Day two only (its events start at midnight + 1 ms, every 10 ms), its first 10 seconds; starting after
        // midnight also leaves day one's leaves out (a day's klines may be stamped at the next midnight).
        var from = BacktestTime(dayTwo + 1_000_000);
        var to = BacktestTime(dayTwo + 10_000_000_000);
        Assert.Equal(0, await Program.MainAsync(["backtest", "--data", catalog.Root, "--from", from, "--to", to, "--json", json]));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var r = doc.RootElement;
        Assert.Equal(2 * 1_000, r.GetProperty("events").GetInt64()); // 2 instruments × 1000 events in the 10 s
        Assert.Equal(2, r.GetProperty("data").GetProperty("leaves").GetInt32()); // day one's leaves were not opened
        Assert.True(string.CompareOrdinal(r.GetProperty("data").GetProperty("first_event").GetString(), from) >= 0);
    }

    [Fact]
    public async Task A_run_journal_is_backtested_on_its_market_data_only()
    {
        using var catalog = new CatalogWriter();
        var registry = new InstrumentRegistry();
        registry.Add(Venue.Binance, "ETHUSDT", 2, 4, 1, 1);
        registry.Add(Venue.Binance, "BTCUSDT", 2, 5, 1, 1); // ids 1 ETH, 2 BTC: the backtest orders them by key
        var dir = Path.Combine(catalog.Root, "journal");
        long market = 0;
        using (var writer = TBot.Engine.Journal.JournalWriter.Open(new TBot.Engine.Journal.JournalOptions { Directory = dir, FsyncPolicy = TBot.Engine.Journal.FsyncPolicy.None },
                   TBot.Engine.Journal.JournalManifest.Create(registry.All), out _))
        {
            var control = default(MarketEvent);
            TBot.Engine.Trading.ControlEvents.Write(ref control, TBot.Engine.Trading.ControlCommand.EnableTrading, 0, CatalogWriter.Day0);
            writer.AppendEvent(in control);
            var i = 0;
            foreach (var e in CatalogWriter.RandomWalk(5, CatalogWriter.Day0, 4_000, 350_000, 10_000_000, 10_000))
            {
                var copy = e;
                copy.InstrumentId = 1 + i++ % 2;
                if (copy.InstrumentId == 2) { copy.Bid *= 20; copy.Ask *= 20; copy.Price *= 20; }
                writer.AppendEvent(in copy);
                market++;
                if (i % 100 == 0)
                {
                    var timer = default(MarketEvent);
                    TimerEvents.Write(ref timer, i, copy.ReceiveTimeNs, copy.ReceiveTimeNs);
                    writer.AppendEvent(in timer);
                    var decision = new TBot.Engine.Journal.DecisionRecord { Kind = TBot.Engine.Journal.DecisionKind.Fill, TimeNs = copy.ReceiveTimeNs };
                    writer.AppendDecision(in decision);
                }
            }
            writer.Flush();
        }
        var json = Path.Combine(catalog.Root, "j.json");
        Assert.Equal(0, await Program.MainAsync(["backtest", "--data", dir, "--json", json, "--timer-ms", "50"]));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var r = doc.RootElement;
        Assert.Equal(market, r.GetProperty("events").GetInt64());
        Assert.Equal("journal", r.GetProperty("data").GetProperty("source").GetString());
        Assert.Equal(["BTCUSDT@binance", "ETHUSDT@binance"], r.GetProperty("data").GetProperty("instruments").EnumerateArray().Select(x => x.GetString()));
        // The run's timers are ignored: the backtest's own come every 50 ms of the 40 s of data.
        Assert.InRange(r.GetProperty("timer_events").GetInt64(), 799, 801);
        Assert.Equal(["mm-btcusdt", "mr-ethusdt"], r.GetProperty("bots").EnumerateArray().Select(b => b.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Empty_data_directory_is_refused_with_the_fetch_hint()
    {
        var empty = Path.Combine(Path.GetTempPath(), $"tbot-bt-empty-{Guid.NewGuid():N}");
        Directory.CreateDirectory(empty);
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, await Program.MainAsync(["backtest", "--data", empty]));
        }
        finally
        {
            Console.SetError(original);
            Directory.Delete(empty);
        }
        Assert.Contains("tbot history fetch", error.ToString());
        Assert.Contains("tbot run", error.ToString());
    }

    /// <summary>BTCUSDT and ETHUSDT quotes + trades on two days, 10 000 events per instrument and day (every 10 ms).</summary>
    internal static CatalogWriter BookCatalog(out long dayTwoStart)
    {
        var catalog = new CatalogWriter();
        dayTwoStart = CatalogWriter.Day0 + 86_400_000_000_000;
        foreach (var (day, start, seed) in new[] { (new DateOnly(2026, 1, 5), CatalogWriter.Day0, 1), (new DateOnly(2026, 1, 6), dayTwoStart, 2) })
        {
            catalog.Leaf(Venue.Binance, "BTCUSDT", 2, 5, "book", day, CatalogWriter.RandomWalk(seed, start - 9_000_000, 10_000, 6_500_000, 10_000_000, 100_000));
            catalog.Leaf(Venue.Binance, "ETHUSDT", 2, 4, "book", day, CatalogWriter.RandomWalk(seed + 10, start - 4_000_000, 10_000, 350_000, 10_000_000, 10_000));
        }
        return catalog;
    }

    private static string BacktestTime(long ns) => TBot.Host.Backtest.BacktestRunner.Iso(ns);

    private static string WithoutTiming(string path) =>
        string.Join('\n', File.ReadAllLines(path).Where(l => !l.Contains("\"events_per_sec\"") && !l.Contains("\"duration_s\"")));
}
